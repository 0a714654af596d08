/** The stages of a candidacy, in process order; the last three are final. */
export const CANDIDATE_STAGES = [
  'applied',
  'screening',
  'interviewing',
  'background-check',
  'offer',
  'hired',
  'rejected',
  'withdrawn',
] as const;
export type CandidateStage = (typeof CANDIDATE_STAGES)[number];

export const REJECTION_CATEGORIES = [
  'rejected-by-us',
  'withdrew',
  'adverse-action',
  'other',
] as const;
export type RejectionCategory = (typeof REJECTION_CATEGORIES)[number];
