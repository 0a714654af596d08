import {
  interviewerIdOfCalendarStream,
  type InterviewerCalendarEvent,
} from '@hirestream/contracts';
import { interviewerCalendarDecider } from '../domain/interviewer-calendar.decider';
import type { InterviewerCalendar } from '../domain/interviewer-calendar.state';

/** The event types of calendar streams, which feed this projection. */
export const CALENDAR_EVENT_TYPES: readonly InterviewerCalendarEvent['type'][] = [
  'InterviewerAvailabilitySet',
  'InterviewerSlotReserved',
  'InterviewerSlotReleased',
];

/**
 * Every interviewer's calendar, folded with the calendar decider's own
 * `evolve`, so the read model and the write side read events alike. It is
 * eventually consistent: bookings are guarded by the calendar streams, never by it.
 */
export class InterviewerCalendars {
  private readonly byInterviewer = new Map<string, InterviewerCalendar>();

  apply(streamName: string, event: InterviewerCalendarEvent): void {
    const interviewerId = interviewerIdOfCalendarStream(streamName);
    if (interviewerId === undefined) return;
    const calendar = this.calendarOf(interviewerId);
    this.byInterviewer.set(interviewerId, interviewerCalendarDecider.evolve(calendar, event));
  }

  /** Every interviewer's calendar the projection has seen. */
  entries(): IterableIterator<[string, InterviewerCalendar]> {
    return this.byInterviewer.entries();
  }

  /** An interviewer nobody has booked or given availability yet has an empty calendar. */
  calendarOf(interviewerId: string): InterviewerCalendar {
    return this.byInterviewer.get(interviewerId) ?? interviewerCalendarDecider.initialState();
  }
}
