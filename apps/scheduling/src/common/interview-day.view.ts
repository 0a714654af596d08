import { AggregateNotFoundError } from '@hirestream/event-sourcing';
import { entityTagOf } from '@hirestream/platform';
import type { InterviewDayBreak } from '@hirestream/contracts';
import { interviewIn, type InterviewView } from './interview.view';
import type { InterviewCommandOutcome } from './interview-command.service';

/** An interview day as the API shows it: its span, each session as an interview, its breaks. */
export type InterviewDayView = Readonly<{
  candidateId: string;
  dayId: string;
  candidateTimeZone: string;
  startsAt: string;
  endsAt: string;
  sessions: InterviewView[];
  breaks: readonly InterviewDayBreak[];
}>;

/** Answers with the day as the candidate's stream now has it; the ETag is the stream's revision. */
export function replyWithInterviewDay(
  reply: { header(name: string, value: string): unknown },
  { state, revision }: InterviewCommandOutcome,
  candidateId: string,
  dayId: string,
): InterviewDayView {
  const day = state.days.get(dayId);
  if (day === undefined) throw new AggregateNotFoundError(`interview day ${dayId} does not exist`);
  reply.header('etag', entityTagOf(revision));
  return {
    candidateId,
    dayId,
    candidateTimeZone: day.candidateTimeZone,
    startsAt: day.startsAt,
    endsAt: day.endsAt,
    sessions: day.sessionIds.map((sessionId) => ({
      ...interviewIn(state, sessionId),
      candidateId,
    })),
    breaks: day.breaks,
  };
}
