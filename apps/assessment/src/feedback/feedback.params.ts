import { uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const CandidateParams = Type.Object({ id: uuid() }, { additionalProperties: false });
export type CandidateParams = Static<typeof CandidateParams>;

export const CandidateInterviewParams = Type.Object(
  { id: uuid(), interviewId: uuid() },
  { additionalProperties: false },
);
export type CandidateInterviewParams = Static<typeof CandidateInterviewParams>;
