import { uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const CandidateIdParams = Type.Object({ id: uuid() }, { additionalProperties: false });
export type CandidateIdParams = Static<typeof CandidateIdParams>;

export const InterviewParams = Type.Object(
  { id: uuid(), interviewId: uuid() },
  { additionalProperties: false },
);
export type InterviewParams = Static<typeof InterviewParams>;

export const InterviewDayParams = Type.Object(
  { id: uuid(), dayId: uuid() },
  { additionalProperties: false },
);
export type InterviewDayParams = Static<typeof InterviewDayParams>;
