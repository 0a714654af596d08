import { IdempotentEventConsumer, type ConsumeOutcome } from '@hirestream/messaging';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { eventually } from './eventually';

/**
 * What a service's Kafka consumer did with each delivery (handled, skipped as
 * a duplicate, dead-lettered), by the event id of the message, in order: the
 * way a cross-service spec sees that a reaction ran, and ran once.
 *
 * Pass `record` as the service's `beforeConsumers` in `useServiceApps`.
 */
export class ConsumeOutcomes {
  private readonly seen: { eventId: string; outcome: ConsumeOutcome }[] = [];

  /** Watches the app's `IdempotentEventConsumer` (spied on, its behaviour unchanged). */
  readonly record = (app: NestFastifyApplication): void => {
    const consumer = app.get(IdempotentEventConsumer);
    const consume = consumer.consume.bind(consumer);
    jest.spyOn(consumer, 'consume').mockImplementation(async (message, ...rest) => {
      const outcome = await consume(message, ...rest);
      this.seen.push({ eventId: String(message.headers.ce_id), outcome });
      return outcome;
    });
  };

  /** The outcomes of every delivery of the event so far, in order. */
  of(eventId: string): ConsumeOutcome[] {
    return this.seen.filter((seen) => seen.eventId === eventId).map(({ outcome }) => outcome);
  }

  /** Resolves once a delivery of the event has had `outcome`. */
  async waitFor(eventId: string, outcome: ConsumeOutcome = 'handled'): Promise<void> {
    await eventually(`event ${eventId} ${outcome}`, async () =>
      this.of(eventId).includes(outcome) ? true : undefined,
    );
  }
}
