import {
  AggregateNotFoundError,
  actorId,
  CANDIDATE_STAGES,
  candidateRegistrationFields,
  feedbackForCandidateText,
  nullable,
  oneOf,
  REJECTION_CATEGORIES,
  rejectionReasonText,
  screeningNotesText,
  utcInstant,
  uuid,
  withdrawalReasonText,
} from '@hirestream/contracts';
import { entityTagOf, type ActingPrincipal } from '@hirestream/platform';
import { Type, type Static } from '@sinclair/typebox';
import type { CandidateState } from '../domain/candidate.state';
import { erasable } from './erasable';

const { email, phone } = candidateRegistrationFields;

/** A candidate as the API shows it; `revision` is also the ETag. */
export const CandidateView = Type.Object(
  {
    id: uuid(),
    personId: uuid(),
    ...candidateRegistrationFields,
    // Every personal value reads "[erased]" once erased; these two rules would refuse it.
    email: erasable(email),
    phone: erasable(phone),
    stage: oneOf(CANDIDATE_STAGES),
    screening: nullable(
      Type.Object(
        {
          passed: Type.Boolean(),
          notes: Type.Optional(nullable(screeningNotesText())),
          screenedBy: Type.Optional(actorId()),
        },
        { additionalProperties: false, description: 'The candidate sees only whether they passed' },
      ),
    ),
    rejection: nullable(
      Type.Object(
        {
          category: oneOf(REJECTION_CATEGORIES),
          reason: Type.Optional(rejectionReasonText()),
          feedbackForCandidate: nullable(feedbackForCandidateText()),
        },
        { additionalProperties: false, description: 'The candidate does not see the reason' },
      ),
    ),
    withdrawalReason: nullable(withdrawalReasonText()),
    personalDataErasedAt: nullable(
      utcInstant({ description: 'When its personal data was erased; null while it is kept' }),
    ),
    revision: Type.String({ pattern: '^\\d+$', description: 'The stream revision, also the ETag' }),
  },
  { title: 'Candidate', additionalProperties: false },
);
export type CandidateView = Static<typeof CandidateView>;

/** A candidate's stream as read or written: its state and revision. */
export type CandidateAt = Readonly<{ state: CandidateState; revision: bigint | undefined }>;

/**
 * The candidate as `viewer` may see them: the candidate themself sees their own
 * record without the organization's internal notes (screening notes, who
 * screened, the internal rejection reason). 404 for a candidate never registered.
 */
export function candidateView(
  { state, revision }: CandidateAt,
  viewer: ActingPrincipal,
): CandidateView {
  if (state.status !== 'registered' || revision === undefined) {
    throw new AggregateNotFoundError('the candidate does not exist');
  }
  const internal = viewer.actingRole !== 'candidate';
  const { candidateId, screening, rejection, ...profile } = state.candidate;
  return {
    id: candidateId,
    ...profile,
    screening:
      screening === null ? null : internal ? { ...screening } : { passed: screening.passed },
    rejection:
      rejection === null
        ? null
        : internal
          ? { ...rejection }
          : { category: rejection.category, feedbackForCandidate: rejection.feedbackForCandidate },
    revision: revision.toString(),
  };
}

/** Answers with the candidate's view and its revision as the ETag. */
export function replyWithCandidate(
  reply: { header(name: string, value: string): unknown },
  at: CandidateAt,
  viewer: ActingPrincipal,
): CandidateView {
  const view = candidateView(at, viewer);
  reply.header('etag', entityTagOf(BigInt(view.revision)));
  return view;
}
