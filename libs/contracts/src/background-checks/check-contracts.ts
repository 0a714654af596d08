import { Type, type Static } from '@sinclair/typebox';
import { eventContract, type DeepReadonly, type EventOf } from '../core/event-contract';
import {
  actorId,
  identifier,
  multiLineText,
  nullable,
  oneOf,
  sha256Digest,
  singleLineText,
  utcInstant,
  uuid,
} from '../core/field-schemas';
import { notPersonal, personal } from '../core/personal-data';
import { CHECK_CANCELLATION_REASONS, CHECK_ITEM_KINDS } from './background-check-vocabulary';

export const BACKGROUND_CHECKS_OWNER = 'background-checks';
const OWNER = BACKGROUND_CHECKS_OWNER;

/** Every background-check event names the candidacy and the check. */
export const checkKey = { candidateId: uuid(), checkId: uuid() };

/** A reason or note a person writes about a check: it may speak of the candidate. */
export const checkReasonText = () => personal(multiLineText(2_000));

/** A policy entry as used: its id and the version in force then. */
export const PolicyVersion = Type.Object(
  { id: identifier(), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type PolicyVersion = DeepReadonly<Static<typeof PolicyVersion>>;

/** A document shown to the candidate (disclosure, summary of rights), pinned by the SHA-256 of its text. */
export const StampedDocument = Type.Object(
  { documentId: identifier(), version: Type.Integer({ minimum: 1 }), sha256: sha256Digest() },
  { additionalProperties: false },
);
export type StampedDocument = DeepReadonly<Static<typeof StampedDocument>>;

/** One item of a check, as its package defined it. */
export const CheckItem = Type.Object(
  {
    itemId: identifier({ examples: ['employment-verification-1'] }),
    kind: oneOf(CHECK_ITEM_KINDS),
    // What the package checks, the same for every candidate.
    subject: nullable(notPersonal(singleLineText(200, { examples: ['Most recent employer'] }))),
  },
  { additionalProperties: false },
);
export type CheckItem = DeepReadonly<Static<typeof CheckItem>>;

/** The provider's reference for one ordered item. */
export const OrderedItem = Type.Object(
  { itemId: identifier(), providerReference: notPersonal(singleLineText(200)) },
  { additionalProperties: false },
);
export type OrderedItem = DeepReadonly<Static<typeof OrderedItem>>;

export const backgroundCheckInitiatedContract = eventContract({
  type: 'BackgroundCheckInitiated',
  owner: OWNER,
  description:
    'A background check began for the candidacy with the package and jurisdiction versions chosen for the job; nothing is ordered until the candidate consents to the disclosure it names.',
  schemaVersion: 1,
  data: {
    ...checkKey,
    package: PolicyVersion,
    jurisdiction: PolicyVersion,
    items: Type.Array(CheckItem, { minItems: 1, maxItems: 30 }),
    disclosure: StampedDocument,
  },
});

export const backgroundCheckConsentGivenContract = eventContract({
  type: 'BackgroundCheckConsentGiven',
  owner: OWNER,
  description:
    'The candidate authorized the check after being shown the disclosure, pinned by the SHA-256 of its text.',
  schemaVersion: 1,
  data: { ...checkKey, disclosure: StampedDocument, givenAt: utcInstant() },
});

export const backgroundCheckConsentDeclinedContract = eventContract({
  type: 'BackgroundCheckConsentDeclined',
  owner: OWNER,
  description:
    'The candidate declined to authorize the check; nothing is ordered and a recruiter decides what follows.',
  schemaVersion: 1,
  data: { ...checkKey, disclosure: StampedDocument, declinedAt: utcInstant() },
});

export const backgroundCheckConsentWithdrawnContract = eventContract({
  type: 'BackgroundCheckConsentWithdrawn',
  owner: OWNER,
  description:
    'The candidate withdrew their authorization before the check completed; the check stops and a recruiter decides what follows.',
  schemaVersion: 1,
  data: { ...checkKey, withdrawnAt: utcInstant(), reason: nullable(checkReasonText()) },
});

export const backgroundCheckOrderedContract = eventContract({
  type: 'BackgroundCheckOrdered',
  owner: OWNER,
  description:
    "The provider accepted the order for the check's provider items (written by the order process, only after consent), with its order id and a reference per item.",
  schemaVersion: 1,
  data: {
    ...checkKey,
    provider: identifier({ examples: ['embedded'] }),
    providerOrderId: singleLineText(200),
    items: Type.Array(OrderedItem, { minItems: 1, maxItems: 30 }),
  },
});

export const backgroundCheckCancelledContract = eventContract({
  type: 'BackgroundCheckCancelled',
  owner: OWNER,
  description:
    'The check stopped before its end (the candidacy closed, or a recruiter cancelled it after consent was declined or withdrawn); every item not final is cancelled with it.',
  schemaVersion: 1,
  data: {
    ...checkKey,
    reason: oneOf(CHECK_CANCELLATION_REASONS),
    note: nullable(checkReasonText()),
    cancelledBy: actorId(),
  },
});

export const checkLifecycleEventContracts = [
  backgroundCheckInitiatedContract,
  backgroundCheckConsentGivenContract,
  backgroundCheckConsentDeclinedContract,
  backgroundCheckConsentWithdrawnContract,
  backgroundCheckOrderedContract,
  backgroundCheckCancelledContract,
] as const;

export type BackgroundCheckInitiated = EventOf<typeof backgroundCheckInitiatedContract>;
export type BackgroundCheckConsentGiven = EventOf<typeof backgroundCheckConsentGivenContract>;
export type BackgroundCheckConsentDeclined = EventOf<typeof backgroundCheckConsentDeclinedContract>;
export type BackgroundCheckConsentWithdrawn = EventOf<
  typeof backgroundCheckConsentWithdrawnContract
>;
export type BackgroundCheckOrdered = EventOf<typeof backgroundCheckOrderedContract>;
export type BackgroundCheckCancelled = EventOf<typeof backgroundCheckCancelledContract>;
