import { EventStoreDBClient, eventTypeFilter } from '@eventstore/db-client';
import { hirestreamEventCatalog, type CandidateEvent } from '@hirestream/contracts';
import { CatchUpSubscription, EventSerializer } from '@hirestream/event-sourcing';
import { JsonLogger, ReadinessRegistry } from '@hirestream/platform';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { CandidateListProjection } from './candidate-list.projection';

/**
 * Feeds the in-memory candidate list from `$all`. It has no checkpoint on
 * purpose: the list lives in memory, so every start rebuilds it from the
 * beginning, and the service reports ready only once it has caught up.
 */
@Injectable()
export class CandidateListSubscription
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  readonly projection = new CandidateListProjection();
  private readonly subscription: CatchUpSubscription;

  constructor(
    @Inject(EventStoreDBClient) client: EventStoreDBClient,
    serializer: EventSerializer,
    logger: JsonLogger,
    readiness: ReadinessRegistry,
  ) {
    const types = hirestreamEventCatalog.typesOwnedBy('candidates');
    this.subscription = new CatchUpSubscription({
      name: 'candidate-list',
      client,
      filter: eventTypeFilter({ regex: `^(${types.join('|')})$` }),
      handle: async (events) => {
        for (const resolved of events) {
          const { event, metadata } = serializer.fromResolved<CandidateEvent>(resolved);
          this.projection.apply(event, metadata.occurredAt);
        }
      },
      logger: {
        warn: (message, details) =>
          logger.pino.warn({ context: 'CandidateList', ...details }, message),
      },
    });
    readiness.register({
      name: 'candidate-list',
      check: async () => {
        if (!this.subscription.isCaughtUp)
          throw new Error('the candidate list is still catching up');
      },
    });
  }

  onApplicationBootstrap(): void {
    this.subscription.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }
}
