import { actorId } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const InterviewerParams = Type.Object(
  { id: actorId({ description: "The interviewer's id at the identity provider" }) },
  { additionalProperties: false },
);
export type InterviewerParams = Static<typeof InterviewerParams>;
