import type {
  Adjudication,
  Command,
  DisputeResolution,
  OrderedItem,
  ProviderItemStatus,
  ReferenceAnswer,
  ReferenceResult,
} from '@hirestream/contracts';
import type { CheckPolicies } from './check-policies';

/*
 * What can be asked of a candidacy's background check. Every command carries
 * `now` (an ISO instant the adapter read from the Clock): deciders never read
 * the clock. Who acted (`…By`) is the caller's id, or the service's for the system.
 */

type OnCheck = Readonly<{ candidateId: string; checkId: string }>;
type At = Readonly<{ now: string }>;

/**
 * Starts a check with the package and jurisdiction in force for the candidate's
 * job (the reaction to the stage change, or a recruiter). `checkId` is new.
 */
export type InitiateBackgroundCheck = Command<
  'InitiateBackgroundCheck',
  OnCheck & At & Readonly<{ policies: CheckPolicies }>
>;

/**
 * The candidate (own token) authorizes the check, naming the SHA-256 of the
 * disclosure they were shown; a different digest is refused (the text changed).
 */
export type GiveConsent = Command<
  'GiveConsent',
  OnCheck & At & Readonly<{ disclosureSha256: string }>
>;

export type DeclineConsent = Command<
  'DeclineConsent',
  OnCheck & At & Readonly<{ disclosureSha256: string }>
>;

/** The candidate withdraws an authorization given, before the check completes. */
export type WithdrawConsent = Command<
  'WithdrawConsent',
  OnCheck & At & Readonly<{ reason: string | null }>
>;

/** The order process records the order the provider accepted (only after consent). */
export type RecordOrder = Command<
  'RecordOrder',
  OnCheck & Readonly<{ provider: string; providerOrderId: string; items: readonly OrderedItem[] }>
>;

/** Names an item by our id or by the provider's reference for it. */
export type ItemReference = Readonly<{ itemId: string }> | Readonly<{ providerReference: string }>;

/**
 * A verified provider webhook's news of one item. Final statuses carry a
 * summary and a report reference (in-progress carries neither). A delivery id
 * already taken is refused with `delivery-already-processed` and decides nothing.
 */
export type RecordProviderResult = Command<
  'RecordProviderResult',
  OnCheck &
    At &
    Readonly<{
      item: ItemReference;
      status: ProviderItemStatus;
      summary: string | null;
      reportReference: string | null;
      deliveryId: string;
    }>
>;

/** A recruiter completes a reference-check item with the reference's answers. */
export type RecordReferenceCheck = Command<
  'RecordReferenceCheck',
  OnCheck &
    Readonly<{
      itemId: string;
      referenceName: string;
      relationship: string;
      answers: readonly ReferenceAnswer[];
      result: ReferenceResult;
      recordedBy: string;
    }>
>;

/** A recruiter cancels one item not yet final. */
export type CancelCheckItem = Command<
  'CancelCheckItem',
  OnCheck & Readonly<{ itemId: string; reason: string; cancelledBy: string }>
>;

/** A recruiter adjudicates a consider or suspended item. */
export type AdjudicateItem = Command<
  'AdjudicateItem',
  OnCheck &
    Readonly<{ itemId: string; decision: Adjudication; reason: string; adjudicatedBy: string }>
>;

/**
 * A recruiter sends the pre-adverse-action notice for every item adjudicated
 * adverse-action; the window is counted under the jurisdiction version the
 * check was initiated with (looked up in `policies`).
 */
export type SendPreAdverseActionNotice = Command<
  'SendPreAdverseActionNotice',
  OnCheck & At & Readonly<{ reportCopyReference: string; policies: CheckPolicies; sentBy: string }>
>;

/** The candidate (own token) disputes the finding during the window: it pauses. */
export type DisputeAdverseAction = Command<
  'DisputeAdverseAction',
  OnCheck & At & Readonly<{ text: string }>
>;

export type ResolveDispute = Command<
  'ResolveDispute',
  OnCheck & At & Readonly<{ resolution: DisputeResolution; reason: string; resolvedBy: string }>
>;

/**
 * The durable timer's firing at the window's end; `windowEndsAt` is the end it
 * was set for. A stale firing (the window moved, paused or ended) decides nothing.
 */
export type EndAdverseActionWindow = Command<
  'EndAdverseActionWindow',
  OnCheck & At & Readonly<{ windowEndsAt: string }>
>;

/** A person takes the final adverse action, once the window has ended. */
export type TakeFinalAdverseAction = Command<
  'TakeFinalAdverseAction',
  OnCheck & At & Readonly<{ reason: string; takenBy: string }>
>;

/**
 * Stops the check. `candidacy-closed` (the reaction to a rejected or withdrawn
 * candidate) stops whichever check is open, and decides nothing when none is;
 * a recruiter names the check, and the reason recorded follows from where it
 * stands (consent declined, consent withdrawn, or simply cancelled).
 */
export type CancelBackgroundCheck = Command<
  'CancelBackgroundCheck',
  Readonly<{
    candidateId: string;
    checkId: string | null;
    cause: 'candidacy-closed' | 'recruiter';
    note: string | null;
    cancelledBy: string;
  }>
>;

export type BackgroundCheckCommand =
  | InitiateBackgroundCheck
  | GiveConsent
  | DeclineConsent
  | WithdrawConsent
  | RecordOrder
  | RecordProviderResult
  | RecordReferenceCheck
  | CancelCheckItem
  | AdjudicateItem
  | SendPreAdverseActionNotice
  | DisputeAdverseAction
  | ResolveDispute
  | EndAdverseActionWindow
  | TakeFinalAdverseAction
  | CancelBackgroundCheck;
