import type { ReservedSlot } from '../domain/interviewer-calendar.state';
import { intervalOf } from '../domain/intervals';
import { CLOSED_INTERVIEW_STATUSES, type Interview } from '../domain/interview.state';

/** What an interviewer's slot needs so that their calendar agrees with the candidate's stream. */
export type SlotRepair =
  | Readonly<{ action: 'release'; reason: string }>
  | Readonly<{ action: 'move'; startsAt: string; endsAt: string }>;

/**
 * The candidate's stream is the truth about an interview; a calendar slot that
 * disagrees with it is left over from a write whose compensation failed: the
 * booking was never recorded, the interview was cancelled but its slots were
 * not freed, or a reschedule moved the slots but was not recorded. Completed
 * and no-show interviews keep their slots, as history.
 */
export function slotRepair(
  interviewerId: string,
  slot: ReservedSlot,
  interview: Interview | undefined,
): SlotRepair | undefined {
  if (interview === undefined) {
    return { action: 'release', reason: 'the booking was never recorded for the candidate' };
  }
  if (!interview.panel.some((member) => member.interviewerId === interviewerId)) {
    return { action: 'release', reason: 'the interviewer is not on the panel' };
  }
  if (interview.status === 'cancelled') {
    return { action: 'release', reason: 'the interview was cancelled' };
  }
  if (CLOSED_INTERVIEW_STATUSES.has(interview.status)) return undefined;
  const time = intervalOf(interview);
  if (time.start === slot.interval.start && time.end === slot.interval.end) return undefined;
  return { action: 'move', startsAt: interview.startsAt, endsAt: interview.endsAt };
}
