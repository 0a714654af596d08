import { candidateStreamFacts, recordedEvent } from '@hirestream/testing/candidate-stream-facts';
import {
  feedbackRequestChanges,
  type FeedbackRequestListEvent,
} from './feedback-requests.read-model';

const candidateId = 'c-1';
let revision = 0;
const recorded = (event: FeedbackRequestListEvent, occurredAt = '2030-01-01T10:00:00.000Z') =>
  recordedEvent(revision++, event, { occurredAt });
const facts = candidateStreamFacts(candidateId);
const requested = (interviewerId: string, round = 1) =>
  facts.requested('i-1', interviewerId, round);
const decided = (decision: 'advance' | 'hold' | 'reject') => facts.decided({ decision });

describe('feedback request list fold', () => {
  it('keeps the order of what happened in runs of one kind, one statement each', () => {
    const runs = feedbackRequestChanges([
      recorded(requested('grace')),
      recorded(requested('alan')),
      recorded(
        {
          type: 'FeedbackRequestWithdrawn',
          data: { candidateId, interviewId: 'i-1', interviewerId: 'alan', reason: 'cancelled' },
        },
        '2030-01-01T11:00:00.000Z',
      ),
      recorded(decided('reject'), '2030-01-01T12:00:00.000Z'),
      recorded(requested('barbara', 2)),
    ]);
    expect(runs.map((run) => run.map((change) => change.kind))).toEqual([
      ['request', 'request'],
      ['settle'],
      ['lapse'],
      ['request'],
    ]);
    expect(runs[1][0]).toEqual({
      kind: 'settle',
      key: { candidateId, interviewId: 'i-1', interviewerId: 'alan' },
      status: 'withdrawn',
      at: '2030-01-01T11:00:00.000Z',
    });
    expect(runs[2][0]).toEqual({
      kind: 'lapse',
      candidateId,
      round: 1,
      at: '2030-01-01T12:00:00.000Z',
    });
  });

  it('lapses every open request of a closed candidacy, and none for a hold or a move short of hiring', () => {
    const runs = feedbackRequestChanges([
      recorded(decided('hold')),
      recorded(facts.moved('interviewing', 'offer')),
      recorded(facts.moved('offer', 'hired')),
      recorded({
        type: 'CandidateHired',
        data: { candidateId, offerId: candidateId, offerVersion: 1, stageAtHire: 'offer' },
      }),
      recorded(facts.withdrew({ stageAtWithdrawal: 'offer' })),
    ]);
    const lapse = { kind: 'lapse', candidateId, round: null, at: '2030-01-01T10:00:00.000Z' };
    expect(runs).toEqual([[lapse, lapse, lapse]]);
  });
});
