import { AggregateNotFoundError } from '@hirestream/event-sourcing';
import { entityTagOf } from '@hirestream/platform';
import type { Interview } from '../domain/interview.state';
import type { InterviewCommandOutcome } from './interview-command.service';

/** An interview as the API shows it, with the candidate it belongs to. */
export type InterviewView = Readonly<Interview & { candidateId: string }>;

export function interviewsOf(outcome: InterviewCommandOutcome): InterviewView[] {
  const candidateId = outcome.state.candidate?.candidateId ?? '';
  return [...outcome.state.interviews.values()].map((interview) => ({
    ...interview,
    candidateId,
  }));
}

/** Answers with one interview; the ETag is the candidate stream's revision, for the next If-Match. */
export function replyWithInterview(
  reply: { header(name: string, value: string): unknown },
  outcome: InterviewCommandOutcome,
  interviewId: string,
): InterviewView {
  const interview = interviewsOf(outcome).find((i) => i.interviewId === interviewId);
  if (interview === undefined) {
    throw new AggregateNotFoundError(`interview ${interviewId} does not exist`);
  }
  reply.header('etag', entityTagOf(outcome.revision));
  return interview;
}
