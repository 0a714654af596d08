import { deadLetterTopic, type EventCatalog } from '@hirestream/contracts';
import {
  PersonalDataIntegrityError,
  type OpenedData,
  type PersonalDataVault,
} from '@hirestream/personal-data';
import { runWithCorrelation } from '@hirestream/platform';
import type { Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  fromCloudEventMessage,
  MalformedMessageError,
  sealedDataOf,
  UntrustedMessageError,
  type IncomingEvent,
  type IncomingKafkaMessage,
} from './cloud-event-headers';
import type { ProcessedEventLog } from './processed-event-log';

/** A consumed message as Nest's Kafka transport hands it over (headers decoded, JSON value parsed). */
export type ConsumedMessage = IncomingKafkaMessage &
  Readonly<{
    partition: number;
    offset: string;
  }>;

export type ConsumeOutcome = 'handled' | 'duplicate' | 'dead-lettered';

export type ConsumerLogger = Readonly<{
  warn: (message: string, details?: Record<string, unknown>) => void;
  error: (message: string, details?: Record<string, unknown>) => void;
}>;

export type IdempotentEventConsumerOptions = Readonly<{
  consumerGroup: string;
  catalog: EventCatalog;
  processed: ProcessedEventLog;
  /**
   * Opens the personal values the messages carry sealed, so handlers see them
   * plain; without it, a message holding sealed values is refused.
   */
  vault?: PersonalDataVault;
  /** Attempts before a failing message goes to the dead-letter topic. */
  maxAttempts?: number;
  retryBackoffMs?: number;
  logger?: ConsumerLogger;
}>;

/**
 * Handles each hirestream event once per consumer group: a redelivered event
 * (same id) is skipped; a failing one is retried a bounded number of times and
 * then published to the group's dead-letter topic, so it never blocks its
 * partition; a malformed one, or one the topic's owner did not publish
 * (`fromCloudEventMessage`'s checks), goes there at once and never reaches the
 * handler. Sealed personal values are opened with the service's vault before
 * the data is upcast and checked (an altered one makes the message malformed),
 * so the handler sees them plain, or `[erased]` as `personalData.erasedPaths`
 * lists. The handler runs with the event's correlation id as the current
 * correlation.
 */
export class IdempotentEventConsumer {
  constructor(private readonly options: IdempotentEventConsumerOptions) {}

  async consume(
    message: ConsumedMessage,
    producer: Producer,
    handler: (event: IncomingEvent) => Promise<void>,
    heartbeat: () => Promise<void> = async () => undefined,
  ): Promise<ConsumeOutcome> {
    let event: IncomingEvent;
    try {
      event = fromCloudEventMessage(this.options.catalog, message, await this.opened(message));
    } catch (error) {
      if (!(
        error instanceof MalformedMessageError ||
        error instanceof UntrustedMessageError ||
        error instanceof PersonalDataIntegrityError
      )) {
        throw error;
      }
      return this.refuse(message, producer, error);
    }
    if (await this.options.processed.has(event.id)) return 'duplicate';

    const outcome = await this.handleWithRetries(event, message, producer, handler, heartbeat);
    // A dead-lettered event counts as processed too: a redelivery must not dead-letter it twice.
    await this.options.processed.add(event.id);
    return outcome;
  }

  /**
   * The message's data opened by the vault (one key fetch); undefined without a
   * vault. A key store that cannot be reached throws, and the message is
   * delivered again rather than dead-lettered.
   */
  private async opened(message: ConsumedMessage): Promise<OpenedData | undefined> {
    const { vault } = this.options;
    if (vault === undefined) return undefined;
    const [opened] = await vault.openEvents([sealedDataOf(message)]);
    return opened;
  }

  /**
   * Dead-letters a message that can never be handled, once. It is remembered by
   * its place in Kafka, not by its ce_id: a forger could claim the id of a
   * genuine event not yet consumed and so have that event skipped.
   */
  private async refuse(
    message: ConsumedMessage,
    producer: Producer,
    error: Error,
  ): Promise<'duplicate' | 'dead-lettered'> {
    const position = `${message.topic}/${message.partition}/${message.offset}`;
    if (await this.options.processed.has(position)) return 'duplicate';
    await this.deadLetter(message, producer, error, 1);
    await this.options.processed.add(position);
    return 'dead-lettered';
  }

  private async handleWithRetries(
    event: IncomingEvent,
    message: ConsumedMessage,
    producer: Producer,
    handler: (event: IncomingEvent) => Promise<void>,
    heartbeat: () => Promise<void>,
  ): Promise<'handled' | 'dead-lettered'> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await runWithCorrelation(
          { correlationId: event.correlationId, causationId: event.id },
          () => handler(event),
        );
        return 'handled';
      } catch (error) {
        if (attempt >= maxAttempts) {
          await this.deadLetter(message, producer, error, attempt);
          return 'dead-lettered';
        }
        this.options.logger?.warn('event handler failed; retrying', {
          eventId: event.id,
          type: event.type,
          attempt,
          error: error instanceof Error ? error.message : String(error),
        });
        await heartbeat();
        await sleep((this.options.retryBackoffMs ?? 200) * 2 ** (attempt - 1));
      }
    }
  }

  private async deadLetter(
    message: ConsumedMessage,
    producer: Producer,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const topic = deadLetterTopic(message.topic, this.options.consumerGroup);
    this.options.logger?.error('event sent to the dead-letter topic', {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      deadLetterTopic: topic,
      attempts,
      error: reason,
    });
    const headers: Record<string, string | Buffer> = {};
    for (const [name, value] of Object.entries(message.headers)) {
      const single = Array.isArray(value) ? value[0] : value;
      if (single !== undefined && single !== null) headers[name] = single;
    }
    await producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value:
            Buffer.isBuffer(message.value) || typeof message.value === 'string'
              ? message.value
              : JSON.stringify(message.value),
          headers: {
            ...headers,
            dlq_original_topic: message.topic,
            dlq_original_partition: String(message.partition),
            dlq_original_offset: message.offset,
            dlq_consumer_group: this.options.consumerGroup,
            dlq_attempts: String(attempts),
            dlq_error: reason,
            dlq_failed_at: new Date().toISOString(),
          },
        },
      ],
    });
  }
}
