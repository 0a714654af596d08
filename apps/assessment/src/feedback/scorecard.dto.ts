import { assessmentReason, CriterionRating, scorecardFields } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

const scorecardBodyFields = {
  ...scorecardFields,
  ratings: Type.Array(CriterionRating, {
    maxItems: 30,
    description:
      'Every criterion of the stamped rubric, each once: 1–4, or null for "not assessed" (none when the interview has no rubric)',
  }),
  notes: Type.Optional(scorecardFields.notes),
};

export const SubmitFeedbackBody = Type.Object(scorecardBodyFields, {
  title: 'SubmitFeedback',
  additionalProperties: false,
});
export type SubmitFeedbackBody = Static<typeof SubmitFeedbackBody>;

export const AmendFeedbackBody = Type.Object(
  { ...scorecardBodyFields, reason: assessmentReason() },
  { title: 'AmendFeedback', additionalProperties: false },
);
export type AmendFeedbackBody = Static<typeof AmendFeedbackBody>;
