import { Type, type Static } from '@sinclair/typebox';
import { eventContract, type DeepReadonly, type EventOf } from '../core/event-contract';
import { actorId, identifier, nullable, oneOf, utcInstant, uuid } from '../core/field-schemas';
import {
  ERASURE_BASES,
  ERASURE_REASONS,
  ERASURE_REFUSAL_GROUNDS,
  RETENTION_CAUSES,
} from './personal-data-vocabulary';

/*
 * The candidates service's facts about a candidacy's personal data: erasure
 * requests and their approval or refusal, the erasure itself, the candidate's
 * consent to be kept, and when a retention policy erases a closed candidacy.
 * They are in the candidate's stream, but not candidacy facts: the shared
 * candidacy fold (`CANDIDACY_EVENT_TYPES`) does not read them. None holds
 * personal data: ids, vocabularies and instants only, so they can be written
 * after the data keys are gone and stay readable for the audit.
 */

const OWNER = 'candidates';

/** A retention policy as applied: its id, the version in force then, and its jurisdiction. */
export const RetentionPolicyVersion = Type.Object(
  {
    id: identifier({ examples: ['uk-applicants'] }),
    version: Type.Integer({ minimum: 1 }),
    jurisdiction: identifier({ examples: ['uk'] }),
  },
  { additionalProperties: false },
);
export type RetentionPolicyVersion = DeepReadonly<Static<typeof RetentionPolicyVersion>>;

/** Every personal-data event names the candidacy; the request events name the request too. */
const requestKey = { candidateId: uuid(), requestId: uuid() };

export const personalDataErasureRequestedContract = eventContract({
  type: 'PersonalDataErasureRequested',
  owner: OWNER,
  description:
    "A member of staff asked, on the person's behalf, that the personal data of every candidacy of the person be erased; an admin other than them approves or refuses it.",
  schemaVersion: 1,
  data: { ...requestKey, reason: oneOf(ERASURE_REASONS), requestedBy: actorId() },
});

export const personalDataErasureApprovedContract = eventContract({
  type: 'PersonalDataErasureApproved',
  owner: OWNER,
  description:
    'An admin other than the requester approved the erasure request; the erasure (PersonalDataErased) follows.',
  schemaVersion: 1,
  data: { ...requestKey, approvedBy: actorId() },
});

export const personalDataErasureRefusedContract = eventContract({
  type: 'PersonalDataErasureRefused',
  owner: OWNER,
  description: 'An admin refused the erasure request on one of the exceptions to the right.',
  schemaVersion: 1,
  data: { ...requestKey, ground: oneOf(ERASURE_REFUSAL_GROUNDS), refusedBy: actorId() },
});

export const personalDataErasedContract = eventContract({
  type: 'PersonalDataErased',
  owner: OWNER,
  description:
    "The candidacy's personal data was erased: its data keys were deleted, so every personal value sealed under them (in every service's events, read models and snapshots) reads as [erased]. Services hearing it may forget the keys at once.",
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    personId: nullable(uuid({ description: 'The person, when the candidacy was linked to one' })),
    keyIds: Type.Array(
      identifier({ examples: ['candidate:6f1c2a9e-1b7d-4c55-9a3e-2f4b8d0c1e77'] }),
      {
        minItems: 1,
        maxItems: 1_000,
        uniqueItems: true,
        description:
          'Every data key the erasure deleted: on request, those of every candidacy of the person (`candidate:<candidateId>`)',
      },
    ),
    basis: oneOf(ERASURE_BASES),
    requestId: nullable(uuid({ description: 'The approved request; null for a direct erasure' })),
    reason: nullable(oneOf(ERASURE_REASONS)),
    requestedBy: nullable(actorId({ description: 'Who asked for it; null for retention' })),
    policy: nullable(RetentionPolicyVersion),
    erasedAt: utcInstant({ description: "When the candidacy's data key was deleted" }),
  },
});

export const personalDataRetentionConsentedContract = eventContract({
  type: 'PersonalDataRetentionConsented',
  owner: OWNER,
  description:
    "The candidate consented to their personal data being kept until keepUntil, past the retention policy's time (recorded by their recruiter); a later consent replaces it.",
  schemaVersion: 1,
  data: { candidateId: uuid(), keepUntil: utcInstant(), recordedBy: actorId() },
});

export const personalDataRetentionScheduledContract = eventContract({
  type: 'PersonalDataRetentionScheduled',
  owner: OWNER,
  description:
    "The closed candidacy's personal data is to be erased at eraseAt, by the retention policy of its jurisdiction, or later by the candidate's consent.",
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    policy: RetentionPolicyVersion,
    closedAt: utcInstant({ description: 'When the candidacy was rejected or withdrawn' }),
    eraseAt: utcInstant(),
    cause: oneOf(RETENTION_CAUSES),
  },
});

export const personalDataEventContracts = [
  personalDataErasureRequestedContract,
  personalDataErasureApprovedContract,
  personalDataErasureRefusedContract,
  personalDataErasedContract,
  personalDataRetentionConsentedContract,
  personalDataRetentionScheduledContract,
] as const;

export type PersonalDataErasureRequested = EventOf<typeof personalDataErasureRequestedContract>;
export type PersonalDataErasureApproved = EventOf<typeof personalDataErasureApprovedContract>;
export type PersonalDataErasureRefused = EventOf<typeof personalDataErasureRefusedContract>;
export type PersonalDataErased = EventOf<typeof personalDataErasedContract>;
export type PersonalDataRetentionConsented = EventOf<typeof personalDataRetentionConsentedContract>;
export type PersonalDataRetentionScheduled = EventOf<typeof personalDataRetentionScheduledContract>;

export type PersonalDataEvent =
  | PersonalDataErasureRequested
  | PersonalDataErasureApproved
  | PersonalDataErasureRefused
  | PersonalDataErased
  | PersonalDataRetentionConsented
  | PersonalDataRetentionScheduled;

/** The personal-data event types (none of them a candidacy fact: not in `CANDIDACY_EVENT_TYPES`). */
export const PERSONAL_DATA_EVENT_TYPES: ReadonlySet<string> = new Set(
  personalDataEventContracts.map((contract) => contract.type),
);
