import {
  feedbackForCandidateText,
  oneOf,
  REJECTION_CATEGORIES,
  rejectionReasonText,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RejectCandidateBody = Type.Object(
  {
    category: oneOf(REJECTION_CATEGORIES),
    reason: rejectionReasonText(),
    feedbackForCandidate: Type.Optional(feedbackForCandidateText()),
  },
  { title: 'RejectCandidate', additionalProperties: false },
);
export type RejectCandidateBody = Static<typeof RejectCandidateBody>;
