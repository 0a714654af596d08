import { candidateStreamFacts, recordedEvent } from '@hirestream/testing/candidate-stream-facts';
import { foldCandidate, panelSeatsOf } from './interview-index.read-model';

const facts = candidateStreamFacts('c-1');
const scheduled = (interviewId: string, panel: readonly string[], startsAt: string) =>
  facts.scheduled(interviewId, panel, 1, { startsAt });

describe('interview index', () => {
  it("folds a candidate's interviews batch after batch, as the decider does", () => {
    const first = foldCandidate(undefined, [
      recordedEvent(0, scheduled('i-1', ['grace'], '2030-03-04T09:00:00Z')),
    ]);
    const second = foldCandidate(first, [recordedEvent(1, facts.cancelled('i-1', 'role filled'))]);
    expect(second.interviews.get('i-1')).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'role filled',
    });
    expect(first.interviews.get('i-1')?.status).toBe('scheduled');
  });

  it('lists a seat for each panel member of every interview, with their role and time', () => {
    const state = foldCandidate(undefined, [
      recordedEvent(0, scheduled('i-1', ['grace', 'alan'], '2030-03-04T09:00:00Z')),
      recordedEvent(1, scheduled('i-2', ['alan'], '2030-03-05T09:00:00Z')),
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
        role: 'question-asker',
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
