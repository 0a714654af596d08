import type { CandidateRegistered, CandidateStage, RejectionCategory } from '@hirestream/contracts';

/** The registration's data, and what the process has recorded since. */
export type Candidate = Readonly<
  CandidateRegistered['data'] & {
    stage: CandidateStage;
    screening: Readonly<{ passed: boolean; notes: string | null; screenedBy: string }> | null;
    rejection: Readonly<{
      category: RejectionCategory;
      reason: string;
      feedbackForCandidate: string | null;
    }> | null;
    withdrawalReason: string | null;
    /** When its personal data was erased (the values above read "[erased]"); closed to commands from then on. */
    personalDataErasedAt: string | null;
  }
>;

export type CandidateState =
  Readonly<{ status: 'unregistered' }> | Readonly<{ status: 'registered'; candidate: Candidate }>;

/**
 * The forward moves a person may make with "move to stage". Rejection,
 * withdrawal and hire have their own commands, and there is no way back.
 */
export const ALLOWED_STAGE_MOVES: Readonly<Record<CandidateStage, readonly CandidateStage[]>> = {
  applied: ['screening'],
  screening: ['interviewing'],
  interviewing: ['background-check', 'offer'],
  'background-check': ['offer'],
  offer: [],
  hired: [],
  rejected: [],
  withdrawn: [],
};
