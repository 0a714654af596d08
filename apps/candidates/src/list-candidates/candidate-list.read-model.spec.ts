import type { CandidateEvent, EventMetadata } from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import { candidateListChanges } from './candidate-list.read-model';

const at = (minute: number): EventMetadata => ({
  eventId: `e-${minute}`,
  occurredAt: `2030-03-04T09:0${minute}:00.000Z`,
  actor: { id: 'r-1', role: 'recruiter' },
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
});
const recorded = (minute: number, event: CandidateEvent): RecordedEvent<CandidateEvent> => ({
  event,
  metadata: at(minute),
  streamName: `candidate-${event.data.candidateId}`,
  revision: BigInt(minute),
  position: undefined,
});
const registered = (candidateId: string): CandidateEvent => ({
  type: 'CandidateRegistered',
  data: {
    candidateId,
    personId: 'p',
    fullName: `Candidate ${candidateId}`,
    email: 'c@example.org',
    phone: null,
    jobId: 'job-7',
    source: 'referral',
    resumeRef: null,
  },
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
      },
    ]);
    expect(changes.updates).toEqual([
      { id: 'b', stage: null, updatedAt: '2030-03-04T09:03:00.000Z' },
      { id: 'c', stage: 'withdrawn', updatedAt: '2030-03-04T09:05:00.000Z' },
    ]);
  });
});
