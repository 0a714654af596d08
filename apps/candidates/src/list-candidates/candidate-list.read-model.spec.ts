import type { CandidateEvent } from '@hirestream/contracts';
import { candidateStreamFacts, recordedEvent } from '@hirestream/testing/candidate-stream-facts';
import { candidateListChanges } from './candidate-list.read-model';

/** The event, recorded `minute` minutes past 09:00. */
const recorded = (minute: number, event: CandidateEvent) =>
  recordedEvent(minute, event, { occurredAt: `2030-03-04T09:0${minute}:00.000Z` });
const registered = (candidateId: string) =>
  candidateStreamFacts(candidateId).registered({
    fullName: `Candidate ${candidateId}`,
    jobId: 'job-7',
  });

describe('candidate list fold', () => {
  it('inserts a registration with what the same batch did to it, and moves others on', () => {
    const changes = candidateListChanges([
      recorded(1, registered('a')),
      recorded(2, {
        type: 'CandidateStageChanged',
        data: { candidateId: 'a', from: 'applied', to: 'screening' },
      }),
      recorded(3, {
        type: 'ScreeningRecorded',
        data: { candidateId: 'b', passed: true, notes: null, screenedBy: 'r-1' },
      }),
      recorded(4, {
        type: 'CandidateWithdrew',
        data: { candidateId: 'c', reason: null, stageAtWithdrawal: 'applied' },
      }),
      recorded(5, {
        type: 'ScreeningRecorded',
        data: { candidateId: 'c', passed: true, notes: null, screenedBy: 'r-1' },
      }),
    ]);
    expect(changes.inserts).toEqual([
      {
        id: 'a',
        fullName: 'Candidate a',
        jobId: 'job-7',
        stage: 'screening',
        registeredAt: '2030-03-04T09:01:00.000Z',
        updatedAt: '2030-03-04T09:02:00.000Z',
        nameKeyIds: [],
      },
    ]);
    expect(changes.updates).toEqual([
      { id: 'b', stage: null, updatedAt: '2030-03-04T09:03:00.000Z' },
      { id: 'c', stage: 'withdrawn', updatedAt: '2030-03-04T09:05:00.000Z' },
    ]);
  });

  it('keeps a name under the keys its registration was sealed under', () => {
    const sealed = {
      ...recorded(1, registered('a')),
      personalData: { keyIds: ['candidate:a'], erasedPaths: [] },
    };
    expect(candidateListChanges([sealed]).inserts[0].nameKeyIds).toEqual(['candidate:a']);
  });
});
