import { CANDIDATE_STREAM_PREFIX } from '@hirestream/contracts';
import { InMemoryProjectionHost } from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import type { CandidateStreamEvent } from '../domain/interview.decider';
import { InterviewIndex } from './interview-index.read-model';

/** Every candidate's interviews, rebuilt in memory from the candidate streams at each start. */
@Injectable()
export class InterviewsProjection extends InMemoryProjectionHost<
  InterviewIndex,
  CandidateStreamEvent
>({
  name: 'interviews',
  select: { streamPrefixes: [CANDIDATE_STREAM_PREFIX] },
  create: () => new InterviewIndex(),
  apply: (index, recorded) => index.apply(recorded),
}) {}
