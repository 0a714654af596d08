import { uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const CandidateIdParams = Type.Object(
  { candidateId: uuid() },
  { additionalProperties: false },
);
export type CandidateIdParams = Static<typeof CandidateIdParams>;
