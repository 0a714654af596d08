import type {
  Candidacy,
  ErasureReason,
  ErasureRefusalGround,
  PersonalDataErased,
  PersonalDataRetentionScheduled,
} from '@hirestream/contracts';

export type ErasureRequestStatus = 'pending' | 'approved' | 'refused';

/** An erasure request and what an admin decided. */
export type ErasureRequest = Readonly<{
  requestId: string;
  reason: ErasureReason;
  requestedBy: string;
  status: ErasureRequestStatus;
  /** Who approved or refused it; null while pending. */
  decidedBy: string | null;
  refusalGround: ErasureRefusalGround | null;
}>;

/**
 * What a candidate's stream says of the candidacy's personal data: whose it is
 * (the person), requests to erase it, the candidate's consent to be kept, the
 * retention erasure scheduled, and the erasure recorded (a request's, which
 * reaches every candidacy of the person, is wider than a retention's). Plain
 * JSON, no personal values: ids, vocabularies and instants.
 */
export type PersonalDataState = Readonly<{
  candidacy: Candidacy | null;
  /** From the registration: the person and the job (the job names the jurisdiction). */
  registration: Readonly<{ personId: string; jobId: string }> | null;
  requests: readonly ErasureRequest[];
  consent: Readonly<{ keepUntil: string; recordedBy: string }> | null;
  retention: PersonalDataRetentionScheduled['data'] | null;
  erasure: PersonalDataErased['data'] | null;
}>;

export const NO_PERSONAL_DATA_FACTS: PersonalDataState = {
  candidacy: null,
  registration: null,
  requests: [],
  consent: null,
  retention: null,
  erasure: null,
};
