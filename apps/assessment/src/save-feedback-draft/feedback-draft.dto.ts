import {
  CriterionRating,
  nullable,
  assessmentText,
  oneOf,
  RECOMMENDATIONS,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

/** A draft may be partial: whatever is left out is saved as not given yet. */
export const FeedbackDraftBody = Type.Object(
  {
    ratings: Type.Optional(
      Type.Array(CriterionRating, {
        maxItems: 30,
        description: 'Some criteria of the stamped rubric, each once (1–4, or null: not assessed)',
      }),
    ),
    strengths: Type.Optional(nullable(assessmentText())),
    concerns: Type.Optional(nullable(assessmentText())),
    notes: Type.Optional(nullable(assessmentText())),
    recommendation: Type.Optional(nullable(oneOf(RECOMMENDATIONS))),
  },
  { title: 'FeedbackDraft', additionalProperties: false },
);
export type FeedbackDraftBody = Static<typeof FeedbackDraftBody>;
