import type { CriterionRating, Recommendation } from '@hirestream/contracts';
import { candidateStreamFacts, recordedEvent } from '@hirestream/testing/candidate-stream-facts';
import type { FeedbackStateEvent } from '../domain/feedback.state';
import { calibrationRowsOf, foldCandidate } from './calibration.read-model';

const candidateId = 'c-1';
let revision = 0;
const recorded = (event: FeedbackStateEvent) => recordedEvent(revision++, event);

const facts = candidateStreamFacts(candidateId);
const requested = (interviewerId: string, round = 1, interviewId = 'i-1') =>
  facts.requested(interviewId, interviewerId, round);
const ratings = (...given: (1 | 2 | 3 | 4 | null)[]): CriterionRating[] =>
  given.map((rating, i) => ({ criterionId: `c${i}`, rating }));
const submitted = (
  interviewerId: string,
  recommendation: Recommendation,
  rated: CriterionRating[],
  interviewId = 'i-1',
) => facts.submitted(interviewId, interviewerId, { recommendation, ratings: rated });
const decided = (decision: 'advance' | 'hold' | 'reject', round = 1) =>
  facts.decided({ decisionId: `d-${round}-${decision}`, round, decision });

const rowsOf = (...events: FeedbackStateEvent[]) =>
  calibrationRowsOf(candidateId, foldCandidate(undefined, events.map(recorded)));

describe('calibration rows', () => {
  it('counts each criterion rating and the recommendation of submitted feedback, with the round undecided', () => {
    expect(rowsOf(requested('grace'), submitted('grace', 'yes', ratings(4, 3, 3, null)))).toEqual([
      {
        interviewerId: 'grace',
        candidateId,
        interviewId: 'i-1',
        round: 1,
        recommendation: 'yes',
        rated: [0, 0, 2, 1],
        notAssessed: 1,
        decision: null,
      },
    ]);
  });

  it('leaves out requests not submitted, however far the draft got', () => {
    const draft = facts.draftSaved('i-1', 'alan', { recommendation: 'no', ratings: ratings(1) });
    expect(rowsOf(requested('alan'), draft)).toEqual([]);
  });

  it('counts an amendment instead of the original', () => {
    const amended = facts.amended('i-1', 'grace', {
      recommendation: 'strong-no',
      ratings: ratings(1, 1),
    });
    expect(
      rowsOf(requested('grace'), submitted('grace', 'yes', ratings(3, 3)), amended),
    ).toMatchObject([{ recommendation: 'strong-no', rated: [2, 0, 0, 0], notAssessed: 0 }]);
  });

  it('sets each row beside the latest decision on its own round: a hold, then what followed it', () => {
    const history = [
      requested('grace', 1),
      submitted('grace', 'yes', ratings(3)),
      requested('alan', 2, 'i-2'),
      submitted('alan', 'no', ratings(2), 'i-2'),
      decided('hold', 1),
    ];
    expect(rowsOf(...history).map((r) => [r.interviewerId, r.decision])).toEqual([
      ['grace', 'hold'],
      ['alan', null],
    ]);
    expect(
      rowsOf(...history, decided('reject', 1), decided('advance', 2)).map((r) => r.decision),
    ).toEqual(['reject', 'advance']);
  });

  it('folds a later batch onto the state held, as the projection does', () => {
    const first = foldCandidate(undefined, [requested('grace'), decided('hold')].map(recorded));
    const later = foldCandidate(
      first,
      [submitted('grace', 'strong-yes', ratings(4))].map(recorded),
    );
    expect(calibrationRowsOf(candidateId, later)).toMatchObject([
      { recommendation: 'strong-yes', decision: 'hold' },
    ]);
  });
});
