import { assessmentAssignedContract, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

const assigned = assessmentAssignedContract.schema.properties;

export const AssignAssessmentBody = Type.Object(
  {
    kind: assigned.kind,
    title: assigned.title,
    instructions: assigned.instructions,
    dueAt: assigned.dueAt,
    reviewerIds: assigned.reviewerIds,
    rubricId: uuid({
      description: 'The rubric the reviewers score against, at its current version',
    }),
  },
  { title: 'AssignAssessment', additionalProperties: false },
);
export type AssignAssessmentBody = Static<typeof AssignAssessmentBody>;
