import type { EventMetadata } from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import type { CandidateStreamEvent } from '../domain/interview.decider';
import { foldCandidate, panelSeatsOf } from './interview-index.read-model';

const metadata: EventMetadata = {
  eventId: 'e',
  occurredAt: '2030-03-01T00:00:00Z',
  actor: { id: 'coordinator-1', role: 'coordinator' },
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
};

const recorded = (
  revision: bigint,
  event: CandidateStreamEvent,
): RecordedEvent<CandidateStreamEvent> => ({
  event,
  metadata,
  streamName: 'candidate-c-1',
  revision,
  position: undefined,
});

const scheduled = (
  interviewId: string,
  panel: readonly string[],
  startsAt: string,
): CandidateStreamEvent => ({
  type: 'InterviewScheduled',
  data: {
    candidateId: 'c-1',
    interviewId,
    kind: 'technical',
    round: 1,
    format: 'video',
    location: null,
    videoLink: 'https://meet.example.org/x',
    panel: panel.map((interviewerId, i) => ({
      interviewerId,
      role: i === 0 ? 'lead' : 'note-taker',
    })),
    startsAt,
    endsAt: startsAt.replace('T09', 'T10'),
    candidateTimeZone: 'Europe/London',
  },
});

describe('interview index', () => {
  it("folds a candidate's interviews batch after batch, as the decider does", () => {
    const first = foldCandidate(undefined, [
      recorded(0n, scheduled('i-1', ['grace'], '2030-03-04T09:00:00Z')),
    ]);
    const second = foldCandidate(first, [
      recorded(1n, {
        type: 'InterviewCancelled',
        data: { candidateId: 'c-1', interviewId: 'i-1', reason: 'role filled' },
      }),
    ]);
    expect(second.interviews.get('i-1')).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'role filled',
    });
    expect(first.interviews.get('i-1')?.status).toBe('scheduled');
  });

  it('lists a seat for each panel member of every interview, with their role and time', () => {
    const state = foldCandidate(undefined, [
      recorded(0n, scheduled('i-1', ['grace', 'alan'], '2030-03-04T09:00:00Z')),
      recorded(1n, scheduled('i-2', ['alan'], '2030-03-05T09:00:00Z')),
    ]);
    expect(panelSeatsOf('c-1', state)).toEqual([
      {
        interviewerId: 'grace',
        candidateId: 'c-1',
        interviewId: 'i-1',
        role: 'lead',
        startsAt: '2030-03-04T09:00:00Z',
        endsAt: '2030-03-04T10:00:00Z',
      },
      {
        interviewerId: 'alan',
        candidateId: 'c-1',
        interviewId: 'i-1',
        role: 'note-taker',
        startsAt: '2030-03-04T09:00:00Z',
        endsAt: '2030-03-04T10:00:00Z',
      },
      {
        interviewerId: 'alan',
        candidateId: 'c-1',
        interviewId: 'i-2',
        role: 'lead',
        startsAt: '2030-03-05T09:00:00Z',
        endsAt: '2030-03-05T10:00:00Z',
      },
    ]);
  });
});
