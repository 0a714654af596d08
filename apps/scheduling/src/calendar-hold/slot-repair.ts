import { CLOSED_INTERVIEW_STATUSES, type Interview } from '../domain/interview.state';
import type { InterviewerCalendarCommand } from '../domain/interviewer-calendar.commands';
import type { ReservedSlot } from '../domain/interviewer-calendar.state';
import { intervalOf } from '../domain/intervals';
import { CANCELLED_INTERVIEW_RELEASE, releaseSlot, restoreSlot } from './calendar-hold.process';

/**
 * The calendar hold's repair: the candidate's stream is the truth about an
 * interview, and a calendar slot that disagrees with it is left over from a
 * hold whose undo failed: the booking was never recorded, the interview was
 * cancelled but its slots were not freed, or a reschedule moved the slots but
 * was not recorded. Returns the calendar command that makes the slot agree, or
 * undefined when it does. Completed and no-show interviews keep their slots, as
 * history.
 */
export function slotRepair(
  interviewerId: string,
  slot: ReservedSlot,
  interview: Interview | undefined,
): InterviewerCalendarCommand | undefined {
  const release = (reason: string) => releaseSlot(interviewerId, slot.interviewId, reason);
  if (interview === undefined) return release('the booking was never recorded for the candidate');
  if (!interview.panel.some((member) => member.interviewerId === interviewerId)) {
    return release('the interviewer is not on the panel');
  }
  if (interview.status === 'cancelled') return release(CANCELLED_INTERVIEW_RELEASE);
  if (CLOSED_INTERVIEW_STATUSES.has(interview.status)) return undefined;
  const time = intervalOf(interview);
  if (time.start === slot.interval.start && time.end === slot.interval.end) return undefined;
  return restoreSlot(
    interviewerId,
    { candidateId: slot.candidateId, interviewId: slot.interviewId },
    interview,
    "repaired: moved to the interview's recorded time",
  );
}
