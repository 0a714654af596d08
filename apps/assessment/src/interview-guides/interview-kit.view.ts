import { AggregateNotFoundError } from '@hirestream/contracts';
import type { LoadedStream } from '@hirestream/event-sourcing';
import { entityTagOf } from '@hirestream/platform';
import type { InterviewKitState } from '../domain/interview-kit.state';
import type { InterviewKitParams } from './interview-kit.params';
import type { InterviewKitView } from './interview-guides';

/** Answers with the kit's current version and the stream's revision as the ETag; 404 without a kit. */
export function replyWithInterviewKit(
  reply: { header(name: string, value: string): unknown },
  { jobId, kind }: InterviewKitParams,
  { state, revision }: LoadedStream<InterviewKitState>,
): InterviewKitView {
  if (state.current === null || revision === undefined) {
    throw new AggregateNotFoundError(`job ${jobId} has no ${kind} interview kit`);
  }
  reply.header('etag', entityTagOf(revision));
  return state.current;
}
