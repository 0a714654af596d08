import {
  AggregateNotFoundError,
  CommandRejectedError,
  type CandidateEvent,
} from '@hirestream/contracts';
import { deciderSpecification, refusedWith } from '@hirestream/event-sourcing';
import type { NoteCommand } from './note.commands';
import { noteDecider, type NoteStreamEvent } from './note.decider';

const spec = deciderSpecification(noteDecider);
const candidateId = 'c-1';
const registered: CandidateEvent = {
  type: 'CandidateRegistered',
  data: {
    candidateId,
    personId: 'p-1',
    fullName: 'Ada Lovelace',
    email: 'ada@example.org',
    phone: null,
    jobId: 'job-7',
    source: 'referral',
    resumeRef: null,
  },
};
const note = { candidateId, noteId: 'n-1', text: 'Call back on Monday' };
const record: NoteCommand = { type: 'RecordNote', data: note };
const recorded: NoteStreamEvent = { type: 'AnalyticsNoteRecorded', data: note };

describe('note decider', () => {
  it('records a note on an open candidacy', () => {
    spec.given([registered]).when(record).then([recorded]);
  });

  it('refuses a note twice, on a closed candidacy, or on an unknown candidate', () => {
    spec
      .given([registered, recorded])
      .when(record)
      .thenThrows(CommandRejectedError, refusedWith('note-already-recorded'));
    spec
      .given([
        registered,
        {
          type: 'CandidateWithdrew',
          data: { candidateId, reason: null, stageAtWithdrawal: 'applied' },
        },
      ])
      .when(record)
      .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
    spec.given([]).when(record).thenThrows(AggregateNotFoundError);
  });
});
