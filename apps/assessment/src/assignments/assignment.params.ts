import { uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const AssignmentsParams = Type.Object({ id: uuid() }, { additionalProperties: false });
export type AssignmentsParams = Static<typeof AssignmentsParams>;

export const AssignmentParams = Type.Object(
  { id: uuid(), assignmentId: uuid() },
  { additionalProperties: false },
);
export type AssignmentParams = Static<typeof AssignmentParams>;
