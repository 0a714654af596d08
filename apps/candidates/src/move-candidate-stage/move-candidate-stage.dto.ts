import { CANDIDATE_STAGES, oneOf } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const MoveCandidateStageBody = Type.Object(
  {
    to: oneOf(CANDIDATE_STAGES, {
      description: 'The stage to move to; only forward moves the process allows',
    }),
  },
  { title: 'MoveCandidateStage', additionalProperties: false },
);
export type MoveCandidateStageBody = Static<typeof MoveCandidateStageBody>;
