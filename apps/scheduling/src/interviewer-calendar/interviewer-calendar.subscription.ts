import { EventStoreDBClient, eventTypeFilter } from '@eventstore/db-client';
import type { InterviewerCalendarEvent } from '@hirestream/contracts';
import { CatchUpSubscription, EventSerializer } from '@hirestream/event-sourcing';
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

/**
 * Feeds the in-memory calendars from `$all`, without a checkpoint: every start
 * rebuilds them, and the service is ready only once they have caught up.
 */
@Injectable()
export class InterviewerCalendarSubscription
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  readonly projection = new InterviewerCalendarProjection();
  private readonly subscription: CatchUpSubscription;

  constructor(
    @Inject(EventStoreDBClient) client: EventStoreDBClient,
    serializer: EventSerializer,
    logger: JsonLogger,
    readiness: ReadinessRegistry,
  ) {
    this.subscription = new CatchUpSubscription({
      name: 'interviewer-calendars',
      client,
      filter: eventTypeFilter({ regex: `^(${CALENDAR_EVENT_TYPES.join('|')})$` }),
      handle: async (events) => {
        for (const resolved of events) {
          const { event, streamName } = serializer.fromResolved<InterviewerCalendarEvent>(resolved);
          this.projection.apply(streamName, event);
        }
      },
      logger: {
        warn: (message, details) =>
          logger.pino.warn({ context: 'InterviewerCalendars', ...details }, message),
      },
    });
    readiness.register({
      name: 'interviewer-calendars',
      check: async () => {
        if (!this.subscription.isCaughtUp)
          throw new Error('the interviewer calendars are still catching up');
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
