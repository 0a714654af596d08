import type {
  Command,
  ErasureReason,
  ErasureRefusalGround,
  PersonalDataErased,
  RetentionCause,
  RetentionPolicyVersion,
} from '@hirestream/contracts';

/** A member of staff asks, on the person's behalf, that every candidacy of theirs be erased. */
export type RequestErasure = Command<
  'RequestErasure',
  { candidateId: string; requestId: string; reason: ErasureReason; requestedBy: string }
>;

/** An admin other than the requester approves a pending request; the erasure follows. */
export type ApproveErasureRequest = Command<
  'ApproveErasureRequest',
  { candidateId: string; requestId: string; approvedBy: string }
>;

export type RefuseErasureRequest = Command<
  'RefuseErasureRequest',
  { candidateId: string; requestId: string; ground: ErasureRefusalGround; refusedBy: string }
>;

/** The candidate consents to be kept until `keepUntil` (recorded by their recruiter), decided at `now`. */
export type RecordRetentionConsent = Command<
  'RecordRetentionConsent',
  { candidateId: string; keepUntil: string; recordedBy: string; now: string }
>;

/** A retention timer's look found the erasure due later: it waits until `eraseAt`. */
export type ScheduleRetention = Command<
  'ScheduleRetention',
  {
    candidateId: string;
    policy: RetentionPolicyVersion;
    closedAt: string;
    eraseAt: string;
    cause: RetentionCause;
  }
>;

/**
 * The candidacy's data keys are deleted: record it. The fact is recorded
 * whatever happened meanwhile (the keys are gone), unless an erasure at least
 * as wide is recorded already.
 */
export type RecordErasure = Command<'RecordErasure', PersonalDataErased['data']>;

export type PersonalDataCommand =
  | RequestErasure
  | ApproveErasureRequest
  | RefuseErasureRequest
  | RecordRetentionConsent
  | ScheduleRetention
  | RecordErasure;
