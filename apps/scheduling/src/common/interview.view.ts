import { AggregateNotFoundError } from '@hirestream/event-sourcing';
import { entityTagOf } from '@hirestream/platform';
import type { CandidateInterviews, Interview } from '../domain/interview.state';
import type { InterviewCommandOutcome } from './interview-command.service';

/** An interview as the API shows it, with the candidate it belongs to. */
export type InterviewView = Readonly<Interview & { candidateId: string }>;

/** The interview as the candidate's stream knows it; 404 when it has no such interview. */
export function interviewIn(state: CandidateInterviews, interviewId: string): Interview {
  const interview = state.interviews.get(interviewId);
  if (interview === undefined) {
    throw new AggregateNotFoundError(`interview ${interviewId} does not exist`);
  }
  return interview;
}

/** Answers with one interview; the ETag is the candidate stream's revision, for the next If-Match. */
export function replyWithInterview(
  reply: { header(name: string, value: string): unknown },
  outcome: InterviewCommandOutcome,
  candidateId: string,
  interviewId: string,
): InterviewView {
  reply.header('etag', entityTagOf(outcome.revision));
  return { ...interviewIn(outcome.state, interviewId), candidateId };
}

/** Every interview of the candidate, earliest first, with the stream's revision as the ETag. */
export function replyWithInterviews(
  reply: { header(name: string, value: string): unknown },
  outcome: InterviewCommandOutcome,
  candidateId: string,
): { interviews: InterviewView[] } {
  reply.header('etag', entityTagOf(outcome.revision));
  const interviews = [...outcome.state.interviews.values()]
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .map((interview) => ({ ...interview, candidateId }));
  return { interviews };
}
