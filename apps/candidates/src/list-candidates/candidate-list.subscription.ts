import { EventStoreDBClient } from '@eventstore/db-client';
import { hirestreamEventCatalog, type CandidateEvent } from '@hirestream/contracts';
import {
  EventSerializer,
  inMemoryProjectionFeed,
  type CatchUpSubscription,
} from '@hirestream/event-sourcing';
import { JsonLogger, ReadinessRegistry } from '@hirestream/platform';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CandidateListProjection } from './candidate-list.projection';

/** The candidate list, rebuilt in memory from every candidate event at each start. */
@Injectable()
export class CandidateListSubscription
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  readonly projection = new CandidateListProjection();
  private readonly feed: CatchUpSubscription;

  constructor(
    @Inject(EventStoreDBClient) client: EventStoreDBClient,
    serializer: EventSerializer,
    logger: JsonLogger,
    readiness: ReadinessRegistry,
  ) {
    this.feed = inMemoryProjectionFeed<CandidateEvent>({
      name: 'candidate-list',
      select: { eventTypes: hirestreamEventCatalog.typesOwnedBy('candidates') },
      apply: ({ event, metadata }) => this.projection.apply(event, metadata.occurredAt),
      client,
      serializer,
      logger,
      readiness,
    });
  }

  onApplicationBootstrap(): void {
    this.feed.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.feed.stop();
  }
}
