import { CANDIDATE_STREAM_PREFIX } from '@hirestream/contracts';
import { InMemoryProjectionHost } from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import type { CandidateStreamEvent } from '../domain/interview.decider';
import { InterviewsProjection } from './interviews.projection';

/** How long a read waits for this service's own writes to reach the projection. */
export const OWN_WRITES_TIMEOUT_MS = 2_000;

/** Every candidate's interviews, rebuilt in memory from the candidate streams at each start. */
@Injectable()
export class InterviewsProjectionSubscription extends InMemoryProjectionHost<
  InterviewsProjection,
  CandidateStreamEvent
>({
  name: 'interviews',
  select: { streamPrefixes: [CANDIDATE_STREAM_PREFIX] },
  create: () => new InterviewsProjection(),
  apply: (projection, recorded) => projection.apply(recorded),
}) {}
