import {
  CANDIDACY_EVENT_TYPES,
  candidateStreamName,
  CommandRejectedError,
  evolveCandidacy,
  openCandidacy,
  type AnalyticsEvent,
  type CandidateEvent,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import type { NoteCommand, RecordNote } from './note.commands';
import type { CandidateNotes } from './note.state';

/** Everything in a candidate's stream this decider reads: the candidacy and its own notes. */
export type NoteStreamEvent = CandidateEvent | AnalyticsEvent;

function recordNote(command: RecordNote, state: CandidateNotes): AnalyticsEvent {
  openCandidacy(state.candidacy, command.data.candidateId);
  if (state.noteIds.includes(command.data.noteId)) {
    throw new CommandRejectedError('note-already-recorded', 'the note is recorded already');
  }
  return { type: 'AnalyticsNoteRecorded', data: command.data };
}

/** Exhaustive: a command added to `NoteCommand` and left out here fails to compile. */
function decide(command: NoteCommand, state: CandidateNotes): AnalyticsEvent {
  switch (command.type) {
    case 'RecordNote':
      return recordNote(command, state);
  }
}

function evolve(state: CandidateNotes, event: NoteStreamEvent): CandidateNotes {
  switch (event.type) {
    case 'CandidateRegistered':
    case 'ScreeningRecorded':
    case 'CandidateStageChanged':
    case 'CandidateRejected':
    case 'CandidateWithdrew':
    case 'CandidateHired':
      return { ...state, candidacy: evolveCandidacy(state.candidacy, event) };
    case 'AnalyticsNoteRecorded':
      return { ...state, noteIds: [...state.noteIds, event.data.noteId] };
    default:
      return assertNever(event);
  }
}

export const noteDecider: Decider<CandidateNotes, NoteCommand, NoteStreamEvent> = {
  decide,
  evolve,
  initialState: () => ({ candidacy: null, noteIds: [] }),
  eventTypes: new Set([...CANDIDACY_EVENT_TYPES, 'AnalyticsNoteRecorded']),
};

/** A candidate's stream, as the analytics service decides on it. */
export const noteAggregate: Aggregate<CandidateNotes, NoteCommand, NoteStreamEvent> = {
  name: 'analytics-notes',
  decider: noteDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};
