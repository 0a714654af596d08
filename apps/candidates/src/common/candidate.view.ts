import type { RejectionCategory } from '@hirestream/contracts';
import { entityTagOf, type ActingPrincipal } from '@hirestream/platform';
import type { Candidate } from '../domain/candidate.state';

/** A candidate as the API shows it; `revision` is also the ETag. */
export type CandidateView = Readonly<
  Omit<Candidate, 'candidateId' | 'screening' | 'rejection'> & {
    id: string;
    screening: { passed: boolean; notes?: string; screenedBy?: string } | null;
    rejection: {
      category: RejectionCategory;
      reason?: string;
      feedbackForCandidate: string | null;
    } | null;
    revision: string;
  }
>;

/**
 * The candidate themself sees their own record without the organization's
 * internal notes: screening notes, who screened, the internal rejection reason.
 */
export function candidateView(
  candidate: Candidate,
  revision: bigint,
  viewer: ActingPrincipal,
): CandidateView {
  const internal = viewer.actingRole !== 'candidate';
  const { candidateId, screening, rejection, ...profile } = candidate;
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
  outcome: Readonly<{ candidate: Candidate; revision: bigint }>,
  viewer: ActingPrincipal,
): CandidateView {
  reply.header('etag', entityTagOf(outcome.revision));
  return candidateView(outcome.candidate, outcome.revision, viewer);
}
