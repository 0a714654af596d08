import type { Interval } from './intervals';
import type { Availability } from './working-hours';

export type ReservedSlot = Readonly<{
  interviewId: string;
  candidateId: string;
  interval: Interval;
}>;

/**
 * One interviewer's calendar. An empty stream is a calendar with no bookings
 * and no availability yet; until availability is set only clashes are refused.
 */
export type InterviewerCalendar = Readonly<{
  availability: Availability | null;
  /** By interview id: an interview holds at most one slot per interviewer. */
  slots: ReadonlyMap<string, ReservedSlot>;
}>;
