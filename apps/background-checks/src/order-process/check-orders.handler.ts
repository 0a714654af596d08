import {
  candidateStreamName,
  CommandRejectedError,
  type BackgroundChecksEvent,
  type CandidateEvent,
} from '@hirestream/contracts';
import { EventStore, type CommandContext } from '@hirestream/event-sourcing';
import type { IncomingEvent } from '@hirestream/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { SCREENING_PROVIDER, type ScreeningProvider } from '../provider/screening-provider.port';
import {
  ORDER_CANCELLATION_TRIGGERS,
  ORDER_FACT_EVENT_TYPES,
  orderFactsOf,
  orderWorkFor,
} from './order-work';

/** The check an order is for. */
type CheckKey = Readonly<{ candidateId: string; checkId: string }>;

/**
 * The order process. A consented check's order is placed by its durable timer
 * (`place`, retried with backoff while the provider cannot take it) and
 * recorded (`RecordOrder`); a withdrawn consent or a cancelled check, read
 * back from the service's own topic (`cancelAfter`), cancels the order the stream says
 * was placed. Both decide from the candidate stream. A repeat is harmless: the
 * stream says the order is recorded, and the provider answers an order placed
 * again with the same order.
 */
@Injectable()
export class CheckOrders {
  constructor(
    private readonly store: EventStore,
    @Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway,
    @Inject(SCREENING_PROVIDER) private readonly provider: ScreeningProvider,
  ) {}

  /** Places the consented check's order with the provider, and records it. */
  async place(key: CheckKey, context: CommandContext): Promise<void> {
    const work = orderWorkFor(
      { type: 'BackgroundCheckConsentGiven', ...key },
      await this.factsOf(key.candidateId),
    );
    if (work.kind !== 'place') return;
    const placed = await this.provider.placeOrder(work.order);
    try {
      await this.checks.handle({ type: 'RecordOrder', data: { ...key, ...placed } }, context);
    } catch (error) {
      if (!(error instanceof CommandRejectedError)) throw error;
      // Recorded already by an earlier firing: the same order.
      if (error.rule === 'check-already-ordered') return;
      // The check stopped while the order was placed: the order goes too.
      await this.provider.cancelOrder(placed.providerOrderId);
    }
  }

  /** After a withdrawn consent or a cancelled check: cancels the order placed, if any. */
  async cancelAfter(event: IncomingEvent): Promise<void> {
    if (!ORDER_CANCELLATION_TRIGGERS.has(event.type)) return;
    const { candidateId, checkId } = event.data as CheckKey;
    const work = orderWorkFor(
      { type: event.type, candidateId, checkId },
      await this.factsOf(candidateId),
    );
    if (work.kind === 'cancel') await this.provider.cancelOrder(work.providerOrderId);
  }

  private async factsOf(candidateId: string) {
    const read = await this.store.readStream<CandidateEvent | BackgroundChecksEvent>(
      candidateStreamName(candidateId),
      { types: ORDER_FACT_EVENT_TYPES },
    );
    return orderFactsOf(read.events.map((recorded) => recorded.event));
  }
}
