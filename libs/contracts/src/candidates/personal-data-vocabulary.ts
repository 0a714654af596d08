/**
 * On what basis a candidacy's personal data was erased: a request (the
 * person's, carried out by an admin directly or once a request is approved:
 * every candidacy of the person), or a retention policy (one closed candidacy).
 */
export const ERASURE_BASES = ['request', 'retention'] as const;
export type ErasureBasis = (typeof ERASURE_BASES)[number];

/** Why an erasure is asked for: the grounds of a right to erasure (GDPR Art. 17(1)), as a vocabulary. */
export const ERASURE_REASONS = [
  'person-asked',
  'consent-withdrawn',
  'no-longer-needed',
  'unlawfully-processed',
  'legal-obligation',
] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/** Why an erasure request is refused: the exceptions to the right (GDPR Art. 17(3)) an admin may rely on. */
export const ERASURE_REFUSAL_GROUNDS = [
  'legal-obligation-to-keep',
  'legal-claims',
  'identity-not-verified',
] as const;
export type ErasureRefusalGround = (typeof ERASURE_REFUSAL_GROUNDS)[number];

/**
 * Why a retention erasure waits until its `eraseAt`: the policy's time after
 * the decision, or the candidate's consent to be kept running longer.
 */
export const RETENTION_CAUSES = ['policy', 'consent'] as const;
export type RetentionCause = (typeof RETENTION_CAUSES)[number];
