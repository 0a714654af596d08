import type { InterviewerCalendarEvent } from '@hirestream/contracts';
import { InMemoryProjectionHost } from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import {
  CALENDAR_EVENT_TYPES,
  InterviewerCalendarProjection,
} from './interviewer-calendar.projection';

/** Every interviewer's calendar, rebuilt in memory from the calendar events at each start. */
@Injectable()
export class InterviewerCalendarSubscription extends InMemoryProjectionHost<
  InterviewerCalendarProjection,
  InterviewerCalendarEvent
>({
  name: 'interviewer-calendars',
  select: { eventTypes: CALENDAR_EVENT_TYPES },
  create: () => new InterviewerCalendarProjection(),
  apply: (projection, { event, streamName }) => projection.apply(streamName, event),
}) {}
