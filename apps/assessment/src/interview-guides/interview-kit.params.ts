import { identifier, INTERVIEW_KINDS, oneOf } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const InterviewKitParams = Type.Object(
  { jobId: identifier({ examples: ['job-7'] }), kind: oneOf(INTERVIEW_KINDS) },
  { additionalProperties: false },
);
export type InterviewKitParams = Static<typeof InterviewKitParams>;
