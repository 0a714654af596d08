import { assessmentDueExtendedContract } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

const extended = assessmentDueExtendedContract.schema.properties;

export const ExtendAssessmentBody = Type.Object(
  { dueAt: extended.dueAt, reason: extended.reason },
  { title: 'ExtendAssessment', additionalProperties: false },
);
export type ExtendAssessmentBody = Static<typeof ExtendAssessmentBody>;
