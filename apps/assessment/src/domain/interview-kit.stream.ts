import type { InterviewKind } from '@hirestream/contracts';

const INTERVIEW_KIT_STREAM_PREFIX = 'interview-kit-';

/**
 * The stream of a job's kit for one interview kind:
 * `interview-kit-<kind>:<jobId>`, e.g. `interview-kit-technical:job-7`. Kinds
 * never contain `:` (job ids may), so the first `:` ends the kind and no two
 * (job, kind) pairs share a stream.
 */
export function interviewKitStreamName(jobId: string, interviewKind: InterviewKind): string {
  return `${INTERVIEW_KIT_STREAM_PREFIX}${interviewKind}:${jobId}`;
}
