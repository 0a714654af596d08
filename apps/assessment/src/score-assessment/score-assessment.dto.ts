import { scorecardFields } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const ScoreAssessmentBody = Type.Object(
  {
    ...scorecardFields,
    notes: Type.Optional(scorecardFields.notes),
  },
  { title: 'ScoreAssessment', additionalProperties: false },
);
export type ScoreAssessmentBody = Static<typeof ScoreAssessmentBody>;
