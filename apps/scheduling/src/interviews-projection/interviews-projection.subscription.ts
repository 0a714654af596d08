import { EventStoreDBClient } from '@eventstore/db-client';
import { CANDIDATE_STREAM_PREFIX } from '@hirestream/contracts';
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
import type { CandidateStreamEvent } from '../domain/interview.decider';
import { InterviewsProjection } from './interviews.projection';

/** How long a read waits for this service's own writes to reach the projection. */
export const OWN_WRITES_TIMEOUT_MS = 2_000;

/** Every candidate's interviews, rebuilt in memory from the candidate streams at each start. */
@Injectable()
export class InterviewsProjectionSubscription
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  readonly projection = new InterviewsProjection();
  private readonly feed: CatchUpSubscription;

  constructor(
    @Inject(EventStoreDBClient) client: EventStoreDBClient,
    serializer: EventSerializer,
    logger: JsonLogger,
    readiness: ReadinessRegistry,
  ) {
    this.feed = inMemoryProjectionFeed<CandidateStreamEvent>({
      name: 'interviews',
      select: { streamPrefixes: [CANDIDATE_STREAM_PREFIX] },
      apply: (recorded) => this.projection.apply(recorded),
      client,
      serializer,
      logger,
      readiness,
    });
  }

  get isCaughtUp(): boolean {
    return this.feed.isCaughtUp;
  }

  onApplicationBootstrap(): void {
    this.feed.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.feed.stop();
  }
}
