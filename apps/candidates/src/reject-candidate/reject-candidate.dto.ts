import {
  feedbackForCandidateText,
  oneOf,
  REJECTION_CATEGORIES,
  rejectionReasonText,
  type RejectionCategory,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

/**
 * A person rejects for any reason but an adverse action, which only the
 * background-checks service's final adverse action records (after its notice
 * and waiting period).
 */
const PERSON_REJECTION_CATEGORIES = REJECTION_CATEGORIES.filter(
  (category): category is Exclude<RejectionCategory, 'adverse-action'> =>
    category !== 'adverse-action',
);

export const RejectCandidateBody = Type.Object(
  {
    category: oneOf(PERSON_REJECTION_CATEGORIES),
    reason: rejectionReasonText(),
    feedbackForCandidate: Type.Optional(feedbackForCandidateText()),
  },
  { title: 'RejectCandidate', additionalProperties: false },
);
export type RejectCandidateBody = Static<typeof RejectCandidateBody>;
