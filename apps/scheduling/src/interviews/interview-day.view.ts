import {
  AggregateNotFoundError,
  type DeepReadonly,
  InterviewDayBreak,
  timeSpanFields,
  timeZoneName,
  uuid,
} from '@hirestream/contracts';
import { entityTagOf, type ActingPrincipal } from '@hirestream/platform';
import { Type, type Static } from '@sinclair/typebox';
import {
  interviewIn,
  interviewViewFor,
  InterviewViewFor,
  type InterviewsAt,
} from './interview.view';

/** An interview day as the API shows it: its span, each session as an interview, its breaks. */
export const InterviewDayView = Type.Object(
  {
    candidateId: uuid(),
    dayId: uuid(),
    candidateTimeZone: timeZoneName(),
    ...timeSpanFields,
    sessions: Type.Array(InterviewViewFor),
    breaks: Type.Array(InterviewDayBreak),
  },
  { title: 'InterviewDay', additionalProperties: false },
);
export type InterviewDayView = DeepReadonly<Static<typeof InterviewDayView>>;

/** Answers with the day as the candidate's stream now has it; the ETag is the stream's revision. */
export function replyWithInterviewDay(
  reply: { header(name: string, value: string): unknown },
  { state, revision }: InterviewsAt,
  candidateId: string,
  dayId: string,
  viewer: ActingPrincipal,
): InterviewDayView {
  const day = state.days.get(dayId);
  if (day === undefined) throw new AggregateNotFoundError(`interview day ${dayId} does not exist`);
  if (revision !== undefined) reply.header('etag', entityTagOf(revision));
  return {
    candidateId,
    dayId,
    candidateTimeZone: day.candidateTimeZone,
    startsAt: day.startsAt,
    endsAt: day.endsAt,
    sessions: day.sessionIds.map((sessionId) =>
      interviewViewFor(candidateId, interviewIn(state, sessionId), viewer),
    ),
    breaks: day.breaks,
  };
}
