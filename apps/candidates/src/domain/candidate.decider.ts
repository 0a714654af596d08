import {
  CANDIDACY_EVENT_TYPES,
  candidateStreamName,
  CommandRejectedError,
  openCandidacy,
  type CandidateEvent,
  type CandidateStageChanged,
  type PersonalDataErased,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import type {
  CandidateCommand,
  MoveCandidateToStage,
  RecordScreening,
  RejectCandidate,
  WithdrawCandidate,
} from './candidate.commands';
import { ALLOWED_STAGE_MOVES, type Candidate, type CandidateState } from './candidate.state';

/** What the candidate decider folds: the candidacy's facts, and the erasure of its personal data. */
export type CandidateStreamEvent = CandidateEvent | PersonalDataErased;

/**
 * The candidate, refused as every service refuses a missing or closed
 * candidacy, and once its personal data is erased: what a command would record
 * about them could no longer be sealed under their key.
 */
function openCandidate(state: CandidateState, candidateId: string): Candidate {
  const candidate = openCandidacy(
    state.status === 'registered' ? state.candidate : null,
    candidateId,
  );
  if (candidate.personalDataErasedAt !== null) {
    throw new CommandRejectedError(
      'personal-data-erased',
      `the personal data of candidate ${candidateId} was erased at ${candidate.personalDataErasedAt}; the candidacy takes no more commands`,
    );
  }
  return candidate;
}

function recordScreening(command: RecordScreening, state: CandidateState): CandidateEvent[] {
  const candidate = openCandidate(state, command.data.candidateId);
  if (candidate.screening !== null) {
    throw new CommandRejectedError(
      'screening-already-recorded',
      'the screening outcome is already recorded',
    );
  }
  const moveToScreening: CandidateStageChanged[] =
    candidate.stage === 'applied'
      ? [
          {
            type: 'CandidateStageChanged',
            data: { candidateId: candidate.candidateId, from: 'applied', to: 'screening' },
          },
        ]
      : [];
  return [...moveToScreening, { type: 'ScreeningRecorded', data: command.data }];
}

function moveToStage(command: MoveCandidateToStage, state: CandidateState): CandidateStageChanged {
  const candidate = openCandidate(state, command.data.candidateId);
  const { to } = command.data;
  if (candidate.stage === to) {
    throw new CommandRejectedError('already-in-stage', `the candidate is already in ${to}`);
  }
  if (!ALLOWED_STAGE_MOVES[candidate.stage].includes(to)) {
    const allowed = ALLOWED_STAGE_MOVES[candidate.stage];
    throw new CommandRejectedError(
      'stage-move-not-allowed',
      `a candidate in ${candidate.stage} cannot move to ${to}` +
        (allowed.length > 0
          ? `; allowed: ${allowed.join(', ')}`
          : '; no move is allowed from here'),
    );
  }
  if (to === 'interviewing' && candidate.screening?.passed !== true) {
    throw new CommandRejectedError(
      'screening-not-passed',
      'only a candidate who passed screening moves to interviewing',
    );
  }
  return {
    type: 'CandidateStageChanged',
    data: { candidateId: candidate.candidateId, from: candidate.stage, to },
  };
}

function reject(command: RejectCandidate, state: CandidateState): CandidateEvent {
  const candidate = openCandidate(state, command.data.candidateId);
  return {
    type: 'CandidateRejected',
    data: { ...command.data, stageAtRejection: candidate.stage },
  };
}

function withdraw(command: WithdrawCandidate, state: CandidateState): CandidateEvent {
  const candidate = openCandidate(state, command.data.candidateId);
  return {
    type: 'CandidateWithdrew',
    data: { ...command.data, stageAtWithdrawal: candidate.stage },
  };
}

export function decide(
  command: CandidateCommand,
  state: CandidateState,
): CandidateStreamEvent | CandidateStreamEvent[] {
  switch (command.type) {
    case 'RegisterCandidate':
      if (state.status === 'registered') {
        throw new CommandRejectedError(
          'already-registered',
          `candidate ${command.data.candidateId} is already registered`,
        );
      }
      return { type: 'CandidateRegistered', data: command.data };
    case 'RecordScreening':
      return recordScreening(command, state);
    case 'MoveCandidateToStage':
      return moveToStage(command, state);
    case 'RejectCandidate':
      return reject(command, state);
    case 'WithdrawCandidate':
      return withdraw(command, state);
    default:
      return assertNever(command);
  }
}

function registered(
  state: CandidateState,
  change: (candidate: Candidate) => Candidate,
): CandidateState {
  return state.status === 'registered'
    ? { status: 'registered', candidate: change(state.candidate) }
    : state;
}

export function evolve(state: CandidateState, event: CandidateStreamEvent): CandidateState {
  switch (event.type) {
    case 'CandidateRegistered':
      return {
        status: 'registered',
        candidate: {
          ...event.data,
          stage: 'applied',
          screening: null,
          rejection: null,
          withdrawalReason: null,
          personalDataErasedAt: null,
        },
      };
    case 'ScreeningRecorded': {
      const { passed, notes, screenedBy } = event.data;
      return registered(state, (c) => ({ ...c, screening: { passed, notes, screenedBy } }));
    }
    case 'CandidateStageChanged':
      return registered(state, (c) => ({ ...c, stage: event.data.to }));
    case 'CandidateRejected': {
      const { category, reason, feedbackForCandidate } = event.data;
      return registered(state, (c) => ({
        ...c,
        stage: 'rejected',
        rejection: { category, reason, feedbackForCandidate },
      }));
    }
    case 'CandidateWithdrew':
      return registered(state, (c) => ({
        ...c,
        stage: 'withdrawn',
        withdrawalReason: event.data.reason,
      }));
    case 'CandidateHired':
      return registered(state, (c) => ({ ...c, stage: 'hired' }));
    case 'PersonalDataErased':
      // The first erasure is when the values became unreadable; a wider one later changes nothing here.
      return registered(state, (c) => ({
        ...c,
        personalDataErasedAt: c.personalDataErasedAt ?? event.data.erasedAt,
      }));
    default:
      return assertNever(event);
  }
}

export const initialState = (): CandidateState => ({ status: 'unregistered' });

export const candidateDecider: Decider<CandidateState, CandidateCommand, CandidateStreamEvent> = {
  decide,
  evolve,
  initialState,
  eventTypes: new Set([...CANDIDACY_EVENT_TYPES, 'PersonalDataErased']),
  // A candidate's stream also gathers every other service's facts (interviews, checks, offers),
  // so a long-running candidacy would otherwise be read whole on every command and GET.
  snapshots: {
    name: 'candidates',
    // Bump whenever `CandidateState` or `evolve` changes: older snapshots are then ignored
    // (2: screening notes may be null; 3: the hire; 4: the erasure of the personal data).
    version: 4,
    every: 50,
    // The state is plain JSON data already.
    serialize: (state) => state,
    deserialize: (stored) => {
      const state = stored as CandidateState;
      if (state.status !== 'registered' && state.status !== 'unregistered') {
        throw new Error('not a candidate state');
      }
      return state;
    },
  },
};

/** A candidate's stream, as the candidates service decides on it. */
export const candidateAggregate: Aggregate<CandidateState, CandidateCommand, CandidateStreamEvent> =
  {
    name: 'candidate',
    decider: candidateDecider,
    streamOf: (command) => candidateStreamName(command.data.candidateId),
  };
