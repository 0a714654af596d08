import type {
  Command,
  CounterableTerm,
  DeclineCategory,
  DraftedTerms,
  OfferLetterRecord,
  OfferWithdrawalCause,
} from '@hirestream/contracts';
import type { Static } from '@sinclair/typebox';
import type { OfferPolicies } from './offer-policies';

/** `now` is the time the command is decided at: deciders never read a clock. */
type At = Readonly<{ now: string }>;
type OfferKey = Readonly<{ candidateId: string; offerId: string }>;
/** The version the caller acts on: a command on a superseded version is refused. */
type VersionKey = OfferKey & Readonly<{ version: number }>;

/** The first version of a new offer; the policies in force are handed in with it. */
export type DraftOffer = Command<
  'DraftOffer',
  OfferKey & At & Readonly<{ terms: DraftedTerms; policies: OfferPolicies }>
>;

/** A new version of an open offer, superseding the current one. */
export type ReviseOffer = Command<
  'ReviseOffer',
  OfferKey & At & Readonly<{ terms: DraftedTerms; policies: OfferPolicies }>
>;

export type ApproveOffer = Command<
  'ApproveOffer',
  VersionKey & Readonly<{ approverId: string; note: string | null }>
>;

export type RejectOfferApproval = Command<
  'RejectOfferApproval',
  VersionKey & Readonly<{ approverId: string; reason: string }>
>;

/** The step's own approver hands it on; an admin may hand on any step not yet approved. */
export type DelegateOfferApproval = Command<
  'DelegateOfferApproval',
  VersionKey &
    Readonly<{
      stepId: string;
      delegatedBy: string;
      byAdmin: boolean;
      toApproverId: string;
      reason: string;
    }>
>;

/** The letter was rendered and stored before deciding; the decider checks everything again. */
export type ExtendOffer = Command<
  'ExtendOffer',
  VersionKey & At & Readonly<{ letter: Static<typeof OfferLetterRecord> }>
>;

export type AcceptOffer = Command<
  'AcceptOffer',
  VersionKey & At & Readonly<{ signedName: string }>
>;

export type DeclineOffer = Command<
  'DeclineOffer',
  VersionKey & At & Readonly<{ category: DeclineCategory; reason: string }>
>;

export type CounterOffer = Command<
  'CounterOffer',
  VersionKey &
    At &
    Readonly<{
      proposals: readonly Readonly<{ term: CounterableTerm; proposal: string }>[];
      message: string;
    }>
>;

export type RescindOffer = Command<'RescindOffer', OfferKey & Readonly<{ reason: string }>>;

/** Fired by the offer's expiry timer: decided against the stream as it is, so a stale timer does nothing. */
export type ExpireOffer = Command<'ExpireOffer', VersionKey & At>;

/** The candidacy closed: its open offer, if any, is withdrawn. */
export type WithdrawOpenOffer = Command<
  'WithdrawOpenOffer',
  Readonly<{ candidateId: string; cause: OfferWithdrawalCause }>
>;

export type RecordContingencyMet = Command<
  'RecordContingencyMet',
  OfferKey & Readonly<{ kind: string; note: string }>
>;

export type OfferCommand =
  | DraftOffer
  | ReviseOffer
  | ApproveOffer
  | RejectOfferApproval
  | DelegateOfferApproval
  | ExtendOffer
  | AcceptOffer
  | DeclineOffer
  | CounterOffer
  | RescindOffer
  | ExpireOffer
  | WithdrawOpenOffer
  | RecordContingencyMet;
