import { EventStoreDBClient } from '@eventstore/db-client';
import type { InterviewerCalendarEvent } from '@hirestream/contracts';
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
import {
  CALENDAR_EVENT_TYPES,
  InterviewerCalendarProjection,
} from './interviewer-calendar.projection';

/** Every interviewer's calendar, rebuilt in memory from the calendar events at each start. */
@Injectable()
export class InterviewerCalendarSubscription
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  readonly projection = new InterviewerCalendarProjection();
  private readonly feed: CatchUpSubscription;

  constructor(
    @Inject(EventStoreDBClient) client: EventStoreDBClient,
    serializer: EventSerializer,
    logger: JsonLogger,
    readiness: ReadinessRegistry,
  ) {
    this.feed = inMemoryProjectionFeed<InterviewerCalendarEvent>({
      name: 'interviewer-calendars',
      select: { eventTypes: CALENDAR_EVENT_TYPES },
      apply: ({ event, streamName }) => this.projection.apply(streamName, event),
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
