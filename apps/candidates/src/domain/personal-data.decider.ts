import {
  AggregateNotFoundError,
  CANDIDACY_EVENT_TYPES,
  candidateStreamName,
  CommandRejectedError,
  evolveCandidacy,
  PERSONAL_DATA_EVENT_TYPES,
  type Candidacy,
  type CandidateEvent,
  type ErasureBasis,
  type PersonalDataErased,
  type PersonalDataEvent,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import { dataKeyId } from '@hirestream/personal-data';
import type {
  ApproveErasureRequest,
  PersonalDataCommand,
  RecordErasure,
  RecordRetentionConsent,
  RefuseErasureRequest,
  RequestErasure,
  ScheduleRetention,
} from './personal-data.commands';
import {
  NO_PERSONAL_DATA_FACTS,
  type ErasureRequest,
  type PersonalDataState,
} from './personal-data.state';
import { RETAINED_STAGES } from './retention';

/** What the personal-data decider reads of a candidate's stream. */
export type PersonalDataStreamEvent = CandidateEvent | PersonalDataEvent;

/** A request's erasure reaches every candidacy of the person, so it covers a retention's (one candidacy). */
function covers(recorded: ErasureBasis, wanted: ErasureBasis): boolean {
  return recorded === 'request' || wanted === 'retention';
}

function registeredCandidacy(state: PersonalDataState, candidateId: string): Candidacy {
  if (state.candidacy === null) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  return state.candidacy;
}

function refuseOnceErasedOnRequest(state: PersonalDataState, candidateId: string): void {
  if (state.erasure?.basis === 'request') {
    throw new CommandRejectedError(
      'personal-data-erased',
      `the personal data of candidate ${candidateId} was erased on request at ${state.erasure.erasedAt}`,
    );
  }
}

/** The candidacy's erasure request; 404 for a candidacy or a request that does not exist. */
export function requestIn(
  state: PersonalDataState,
  candidateId: string,
  requestId: string,
): ErasureRequest {
  registeredCandidacy(state, candidateId);
  const request = state.requests.find((candidate) => candidate.requestId === requestId);
  if (request === undefined) {
    throw new AggregateNotFoundError(
      `candidate ${candidateId} has no erasure request ${requestId}`,
    );
  }
  return request;
}

function requestErasure({ data }: RequestErasure, state: PersonalDataState): PersonalDataEvent[] {
  registeredCandidacy(state, data.candidateId);
  refuseOnceErasedOnRequest(state, data.candidateId);
  const pending = state.requests.find((request) => request.status === 'pending');
  if (pending !== undefined) {
    throw new CommandRejectedError(
      'erasure-request-pending',
      `erasure request ${pending.requestId} of candidate ${data.candidateId} is waiting for an admin's decision`,
    );
  }
  return [{ type: 'PersonalDataErasureRequested', data }];
}

/** Four eyes: the requester never approves their own request. A repeat approval decides nothing. */
function approve({ data }: ApproveErasureRequest, state: PersonalDataState): PersonalDataEvent[] {
  const request = requestIn(state, data.candidateId, data.requestId);
  if (request.requestedBy === data.approvedBy) {
    throw new CommandRejectedError(
      'own-erasure-request',
      `erasure request ${data.requestId} was filed by ${data.approvedBy}: an admin other than the requester approves it`,
    );
  }
  if (request.status === 'refused') {
    throw new CommandRejectedError(
      'erasure-request-refused',
      `erasure request ${data.requestId} was refused by ${request.decidedBy ?? 'an admin'}`,
    );
  }
  return request.status === 'approved' ? [] : [{ type: 'PersonalDataErasureApproved', data }];
}

function refuse({ data }: RefuseErasureRequest, state: PersonalDataState): PersonalDataEvent[] {
  const request = requestIn(state, data.candidateId, data.requestId);
  if (request.status === 'approved') {
    throw new CommandRejectedError(
      'erasure-request-approved',
      `erasure request ${data.requestId} was approved by ${request.decidedBy ?? 'an admin'}`,
    );
  }
  refuseOnceErasedOnRequest(state, data.candidateId);
  return request.status === 'refused' ? [] : [{ type: 'PersonalDataErasureRefused', data }];
}

function recordConsent(
  { data: { now, ...consent } }: RecordRetentionConsent,
  state: PersonalDataState,
): PersonalDataEvent[] {
  registeredCandidacy(state, consent.candidateId);
  if (state.erasure !== null) {
    throw new CommandRejectedError(
      'personal-data-erased',
      `the personal data of candidate ${consent.candidateId} was erased at ${state.erasure.erasedAt}: there is nothing left to keep`,
    );
  }
  if (Date.parse(consent.keepUntil) <= Date.parse(now)) {
    throw new CommandRejectedError(
      'in-the-past',
      `the consent must run into the future (${consent.keepUntil} is not after ${now})`,
    );
  }
  return [{ type: 'PersonalDataRetentionConsented', data: consent }];
}

/** Decides nothing unless the candidacy is still closed, unerased and not already scheduled so. */
function schedule({ data }: ScheduleRetention, state: PersonalDataState): PersonalDataEvent[] {
  const { candidacy, erasure, retention } = state;
  if (candidacy === null || erasure !== null || !RETAINED_STAGES.has(candidacy.stage)) return [];
  const same =
    retention !== null &&
    retention.eraseAt === data.eraseAt &&
    retention.cause === data.cause &&
    retention.policy.id === data.policy.id &&
    retention.policy.version === data.policy.version;
  return same ? [] : [{ type: 'PersonalDataRetentionScheduled', data }];
}

function recordErasure({ data }: RecordErasure, state: PersonalDataState): PersonalDataEvent[] {
  if (state.candidacy === null) return [];
  if (state.erasure !== null && covers(state.erasure.basis, data.basis)) return [];
  return [{ type: 'PersonalDataErased', data }];
}

export function decide(
  command: PersonalDataCommand,
  state: PersonalDataState,
): PersonalDataEvent[] {
  switch (command.type) {
    case 'RequestErasure':
      return requestErasure(command, state);
    case 'ApproveErasureRequest':
      return approve(command, state);
    case 'RefuseErasureRequest':
      return refuse(command, state);
    case 'RecordRetentionConsent':
      return recordConsent(command, state);
    case 'ScheduleRetention':
      return schedule(command, state);
    case 'RecordErasure':
      return recordErasure(command, state);
    default:
      return assertNever(command);
  }
}

const isCandidacyFact = (event: PersonalDataStreamEvent): event is CandidateEvent =>
  CANDIDACY_EVENT_TYPES.has(event.type);

function decided(
  requests: readonly ErasureRequest[],
  requestId: string,
  change: Pick<ErasureRequest, 'status' | 'decidedBy' | 'refusalGround'>,
): ErasureRequest[] {
  return requests.map((request) =>
    request.requestId === requestId ? { ...request, ...change } : request,
  );
}

export function evolve(
  state: PersonalDataState,
  event: PersonalDataStreamEvent,
): PersonalDataState {
  if (isCandidacyFact(event)) {
    return {
      ...state,
      candidacy: evolveCandidacy(state.candidacy, event),
      registration:
        event.type === 'CandidateRegistered'
          ? { personId: event.data.personId, jobId: event.data.jobId }
          : state.registration,
    };
  }
  switch (event.type) {
    case 'PersonalDataErasureRequested': {
      const { requestId, reason, requestedBy } = event.data;
      const request: ErasureRequest = {
        requestId,
        reason,
        requestedBy,
        status: 'pending',
        decidedBy: null,
        refusalGround: null,
      };
      return { ...state, requests: [...state.requests, request] };
    }
    case 'PersonalDataErasureApproved':
      return {
        ...state,
        requests: decided(state.requests, event.data.requestId, {
          status: 'approved',
          decidedBy: event.data.approvedBy,
          refusalGround: null,
        }),
      };
    case 'PersonalDataErasureRefused':
      return {
        ...state,
        requests: decided(state.requests, event.data.requestId, {
          status: 'refused',
          decidedBy: event.data.refusedBy,
          refusalGround: event.data.ground,
        }),
      };
    case 'PersonalDataErased':
      return { ...state, erasure: event.data };
    case 'PersonalDataRetentionConsented':
      return {
        ...state,
        consent: { keepUntil: event.data.keepUntil, recordedBy: event.data.recordedBy },
      };
    case 'PersonalDataRetentionScheduled':
      return { ...state, retention: event.data };
    default:
      return assertNever(event);
  }
}

/**
 * What an erasure of the candidacy on `basis` has to do: nothing when an
 * erasure at least as wide is recorded (answer that one), else erase its key
 * (and, on request, the person's every candidacy's). 404 for a candidacy never registered.
 */
export type ErasureScope =
  | Readonly<{ kind: 'recorded'; erasure: PersonalDataErased['data'] }>
  | Readonly<{ kind: 'erase'; keyId: string; personId: string | null }>;

export function erasureScope(
  state: PersonalDataState,
  candidateId: string,
  basis: ErasureBasis,
): ErasureScope {
  registeredCandidacy(state, candidateId);
  if (state.erasure !== null && covers(state.erasure.basis, basis)) {
    return { kind: 'recorded', erasure: state.erasure };
  }
  return {
    kind: 'erase',
    keyId: dataKeyId('candidate', candidateId),
    personId: state.registration?.personId ?? null,
  };
}

const CANDIDATE_KEY_PREFIX = dataKeyId('candidate', '');

/** The candidacies whose data keys an erasure deleted (`candidate:<id>`), in order. */
export function candidaciesOfKeys(keyIds: readonly string[]): string[] {
  return keyIds
    .filter((keyId) => keyId.startsWith(CANDIDATE_KEY_PREFIX))
    .map((keyId) => keyId.slice(CANDIDATE_KEY_PREFIX.length));
}

export const personalDataDecider: Decider<
  PersonalDataState,
  PersonalDataCommand,
  PersonalDataStreamEvent
> = {
  decide,
  evolve,
  initialState: () => NO_PERSONAL_DATA_FACTS,
  eventTypes: new Set([...CANDIDACY_EVENT_TYPES, ...PERSONAL_DATA_EVENT_TYPES]),
  snapshots: {
    name: 'candidates-personal-data',
    // Bump whenever `PersonalDataState`, `evolve` or `eventTypes` change: older snapshots are then ignored.
    version: 1,
    every: 50,
    // The state is plain JSON data already, and holds no personal value.
    serialize: (state) => state,
    deserialize: (stored) => {
      const state = stored as Partial<PersonalDataState> | null;
      if (state === null || typeof state !== 'object' || !Array.isArray(state.requests)) {
        throw new Error('not the personal-data state of a candidate');
      }
      return { ...NO_PERSONAL_DATA_FACTS, ...state };
    },
  },
};

/** A candidate's stream, as the candidates service decides on its personal data. */
export const personalDataAggregate: Aggregate<
  PersonalDataState,
  PersonalDataCommand,
  PersonalDataStreamEvent
> = {
  name: 'candidate-personal-data',
  decider: personalDataDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};
