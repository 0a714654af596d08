import {
  candidateStreamName,
  CommandRejectedError,
  type Actor,
  type BackgroundChecksEvent,
  type CandidateEvent,
} from '@hirestream/contracts';
import { commandContextOf, EventStore } from '@hirestream/event-sourcing';
import type { IncomingEvent } from '@hirestream/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { BACKGROUND_CHECKS_SYSTEM_ACTOR } from '../domain/background-check.decider';
import { SCREENING_PROVIDER, type ScreeningProvider } from '../provider/screening-provider.port';
import { ORDER_FACT_EVENT_TYPES, ORDER_TRIGGERS, orderFactsOf, orderWorkFor } from './order-work';

const SERVICE_ACTOR: Actor = { id: BACKGROUND_CHECKS_SYSTEM_ACTOR, role: 'system' };

/**
 * The order process: after the service's own consent and cancellation events,
 * places or cancels the order with the provider as the candidate stream says,
 * and records a placed order (`RecordOrder`). A redelivery is harmless: the
 * stream says the order is recorded, and the provider answers an order
 * placed again with the same order.
 */
@Injectable()
export class CheckOrders {
  constructor(
    private readonly store: EventStore,
    @Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway,
    @Inject(SCREENING_PROVIDER) private readonly provider: ScreeningProvider,
  ) {}

  async run(event: IncomingEvent): Promise<void> {
    if (!ORDER_TRIGGERS.has(event.type)) return;
    const { candidateId, checkId } = event.data as Readonly<{
      candidateId: string;
      checkId: string;
    }>;
    const read = await this.store.readStream<CandidateEvent | BackgroundChecksEvent>(
      candidateStreamName(candidateId),
      { types: ORDER_FACT_EVENT_TYPES },
    );
    const facts = orderFactsOf(read.events.map((recorded) => recorded.event));
    const work = orderWorkFor({ type: event.type, candidateId, checkId }, facts);
    switch (work.kind) {
      case 'none':
        return;
      case 'cancel':
        return this.provider.cancelOrder(work.providerOrderId);
      case 'place': {
        const placed = await this.provider.placeOrder(work.order);
        try {
          await this.checks.handle(
            { type: 'RecordOrder', data: { candidateId, checkId, ...placed } },
            commandContextOf({ event, actor: SERVICE_ACTOR }),
          );
        } catch (error) {
          if (!(error instanceof CommandRejectedError)) throw error;
          // Recorded already by an earlier delivery of the same event: the same order.
          if (error.rule === 'check-already-ordered') return;
          // The check stopped while the order was placed: the order goes too.
          await this.provider.cancelOrder(placed.providerOrderId);
        }
      }
    }
  }
}
