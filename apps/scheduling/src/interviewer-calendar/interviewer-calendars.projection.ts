import type { InterviewerCalendarEvent } from '@hirestream/contracts';
import { InMemoryProjectionHost } from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import { CALENDAR_EVENT_TYPES, InterviewerCalendars } from './interviewer-calendars.read-model';

/** Every interviewer's calendar, rebuilt in memory from the calendar events at each start. */
@Injectable()
export class InterviewerCalendarsProjection extends InMemoryProjectionHost<
  InterviewerCalendars,
  InterviewerCalendarEvent
>({
  name: 'interviewer-calendars',
  select: { eventTypes: CALENDAR_EVENT_TYPES },
  create: () => new InterviewerCalendars(),
  apply: (calendars, { event, streamName }) => calendars.apply(streamName, event),
}) {}
