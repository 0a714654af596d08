import {
  CANDIDACY_EVENT_TYPES,
  candidateStreamName,
  CommandRejectedError,
  evolveCandidacy,
  openCandidacy,
  type __Service__Event,
  type CandidateEvent,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import type { NoteCommand, RecordNote } from './note.commands';
import type { CandidateNotes } from './note.state';

/** Everything in a candidate's stream this decider reads: the candidacy and its own notes. */
export type NoteStreamEvent = CandidateEvent | __Service__Event;

function recordNote(command: RecordNote, state: CandidateNotes): __Service__Event {
  openCandidacy(state.candidacy, command.data.candidateId);
  if (state.noteIds.includes(command.data.noteId)) {
    throw new CommandRejectedError('note-already-recorded', 'the note is recorded already');
  }
  return { type: '__Service__NoteRecorded', data: command.data };
}

/** Exhaustive: a command added to `NoteCommand` and left out here fails to compile. */
function decide(command: NoteCommand, state: CandidateNotes): __Service__Event {
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
    case '__Service__NoteRecorded':
      return { ...state, noteIds: [...state.noteIds, event.data.noteId] };
    default:
      return assertNever(event);
  }
}

export const noteDecider: Decider<CandidateNotes, NoteCommand, NoteStreamEvent> = {
  decide,
  evolve,
  initialState: () => ({ candidacy: null, noteIds: [] }),
  eventTypes: new Set([...CANDIDACY_EVENT_TYPES, '__Service__NoteRecorded']),
};

/** A candidate's stream, as the __service__ service decides on it. */
export const noteAggregate: Aggregate<CandidateNotes, NoteCommand, NoteStreamEvent> = {
  name: '__service__-notes',
  decider: noteDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};
