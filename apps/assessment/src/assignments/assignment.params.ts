import { uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const AssignmentParams = Type.Object(
  { id: uuid(), assignmentId: uuid() },
  { additionalProperties: false },
);
export type AssignmentParams = Static<typeof AssignmentParams>;
