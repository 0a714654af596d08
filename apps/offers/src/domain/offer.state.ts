import type {
  ApprovalStep,
  Candidacy,
  CheckFacts,
  CounterableTerm,
  DeclineCategory,
  OfferLetterRecord,
  OfferStatus,
  OfferTerms,
  PolicyRef,
} from '@hirestream/contracts';
import type { Static } from '@sinclair/typebox';

/** One version of an offer: its terms, its approval chain and where approval stands. */
export type OfferVersion = Readonly<{
  version: number;
  terms: OfferTerms;
  jobLevel: string;
  withinBand: boolean;
  policies: Readonly<{ approvalRules: PolicyRef; compensationBand: PolicyRef }>;
  /** The chain as it stands: a delegated step names its delegate. */
  approvalChain: readonly ApprovalStep[];
  /** The steps approved, in order (carried ones first). */
  approvals: readonly ApprovalStep[];
  rejection: Readonly<{ stepId: string; approverId: string; reason: string }> | null;
}>;

/** The version the candidate was sent: its terms stay what they read while a new version is drafted. */
export type ExtendedVersion = Readonly<{
  version: number;
  terms: OfferTerms;
  expiresAt: string;
  letter: Static<typeof OfferLetterRecord>;
}>;

/** What the candidate said last, if anything. */
export type CandidateAnswer =
  | Readonly<{ kind: 'accepted'; version: number; signedName: string }>
  | Readonly<{ kind: 'declined'; version: number; category: DeclineCategory; reason: string }>
  | Readonly<{
      kind: 'countered';
      version: number;
      proposals: readonly Readonly<{ term: CounterableTerm; proposal: string }>[];
      message: string;
    }>;

export type Offer = Readonly<{
  offerId: string;
  status: OfferStatus;
  /** The latest version; earlier ones are superseded. */
  current: OfferVersion;
  /** The version last extended to the candidate, with its letter. */
  extended: ExtendedVersion | null;
  answer: CandidateAnswer | null;
  /** Why it ended, when a person rescinded it or its candidacy closed. */
  endReason: string | null;
  metContingencies: readonly string[];
}>;

/** The offers view of one candidate's stream: the candidacy, the check, and the offers. */
export type CandidateOffers = Readonly<{
  candidacy: Candidacy | null;
  /** From the registration: the name an acceptance is signed with, and the job offered. */
  candidate: Readonly<{ fullName: string; jobId: string }> | null;
  check: CheckFacts | null;
  offers: ReadonlyMap<string, Offer>;
}>;
