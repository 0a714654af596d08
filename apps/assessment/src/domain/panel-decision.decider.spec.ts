import {
  AggregateNotFoundError,
  CommandRejectedError,
  type FeedbackAuthor,
} from '@hirestream/contracts';
import { deciderSpecification, refusedWith } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import type { FeedbackStateEvent } from './feedback.state';
import type { RecordPanelDecision } from './panel-decision.commands';
import { panelDecisionDecider } from './panel-decision.decider';

const spec = deciderSpecification(panelDecisionDecider);
const candidateId = 'c-1';

const facts = candidateStreamFacts(candidateId);
const { moved, scheduled, completed, cancelled, requested, submitted } = facts;
const interviewing = facts.interviewing();
const gaveFeedback = (interviewId: string, interviewerId: string, round = 1) => [
  requested(interviewId, interviewerId, round),
  submitted(interviewId, interviewerId),
];

/** Round 1: interview i-1 (grace, alan) completed; interview i-2 (barbara) cancelled. */
const roundOne = [
  ...interviewing,
  scheduled('i-1', ['grace', 'alan']),
  scheduled('i-2', ['barbara']),
  completed('i-1'),
  cancelled('i-2'),
];
const allFeedback = [...roundOne, ...gaveFeedback('i-1', 'grace'), ...gaveFeedback('i-1', 'alan')];

const decide = (change: Partial<RecordPanelDecision['data']> = {}): RecordPanelDecision => ({
  type: 'RecordPanelDecision',
  data: {
    candidateId,
    decisionId: 'd-1',
    round: 1,
    decision: 'advance',
    advanceTo: 'next-round',
    rationale: 'Strong on design, both panelists agree',
    feedbackForCandidate: null,
    override: null,
    decidedBy: 'hiring-manager-1',
    ...change,
  },
});
const recorded = (change: Partial<RecordPanelDecision['data']> = {}): FeedbackStateEvent => ({
  type: 'PanelDecisionRecorded',
  data: decide(change).data,
});
const rejection = {
  decision: 'reject' as const,
  advanceTo: null,
  feedbackForCandidate: 'Practise explaining trade-offs aloud.',
};
const hold = { decision: 'hold' as const, advanceTo: null };
const alanMissing: FeedbackAuthor[] = [{ interviewId: 'i-1', interviewerId: 'alan' }];

describe('recording a panel decision', () => {
  it('records advance, hold or reject once every panelist of the completed interviews gave feedback', () => {
    spec.given(allFeedback).when(decide()).then([recorded()]);
    spec
      .given(allFeedback)
      .when(decide(hold))
      .then([recorded(hold)]);
    spec
      .given(allFeedback)
      .when(decide(rejection))
      .then([recorded(rejection)]);
    spec
      .given(allFeedback)
      .when(decide({ advanceTo: 'offer' }))
      .then([recorded({ advanceTo: 'offer' })]);
  });

  it('ignores cancelled interviews of the round and counts amended feedback as given', () => {
    spec
      .given([...allFeedback, facts.amended('i-1', 'alan', { recommendation: 'no' })])
      .when(decide())
      .then([recorded()]);
  });

  it('refuses while a panelist has not submitted, naming the missing feedback; a draft does not count', () => {
    const draft = facts.draftSaved('i-1', 'alan');
    spec
      .given([...roundOne, ...gaveFeedback('i-1', 'grace'), requested('i-1', 'alan'), draft])
      .when(decide())
      .thenThrows(CommandRejectedError, refusedWith('feedback-missing', 'alan on interview i-1'));
    spec
      .given(roundOne)
      .when(decide())
      .thenThrows(CommandRejectedError, refusedWith('feedback-missing', 'grace', 'alan'));
  });

  it('goes ahead with an override naming exactly the missing feedback, with its reason', () => {
    const override = { missingFeedback: alanMissing, reason: 'Alan is on leave for a month' };
    spec
      .given([...roundOne, ...gaveFeedback('i-1', 'grace')])
      .when(decide({ override }))
      .then([recorded({ override })]);
  });

  it('refuses an override that leaves missing feedback unnamed, names feedback not missing, or names one twice', () => {
    const both: FeedbackAuthor[] = [...alanMissing, { interviewId: 'i-1', interviewerId: 'grace' }];
    spec
      .given(roundOne)
      .when(decide({ override: { missingFeedback: alanMissing, reason: 'leave' } }))
      .thenThrows(CommandRejectedError, refusedWith('feedback-missing', 'grace on interview i-1'));
    spec
      .given([...roundOne, ...gaveFeedback('i-1', 'grace')])
      .when(decide({ override: { missingFeedback: both, reason: 'leave' } }))
      .thenThrows(
        CommandRejectedError,
        refusedWith('override-names-feedback-not-missing', 'grace on interview i-1'),
      );
    spec
      .given(allFeedback)
      .when(decide({ override: { missingFeedback: alanMissing, reason: 'leave' } }))
      .thenThrows(CommandRejectedError, refusedWith('override-names-feedback-not-missing'));
    spec
      .given([...roundOne, ...gaveFeedback('i-1', 'grace')])
      .when(
        decide({
          override: { missingFeedback: [...alanMissing, ...alanMissing], reason: 'leave' },
        }),
      )
      .thenThrows(CommandRejectedError, refusedWith('override-names-feedback-twice'));
  });

  it('refuses a round with no completed interview', () => {
    spec
      .given(allFeedback)
      .when(decide({ round: 2 }))
      .thenThrows(CommandRejectedError, refusedWith('round-not-interviewed', 'round 2'));
    spec
      .given([...interviewing, scheduled('i-3', ['grace'], 3), cancelled('i-3')])
      .when(decide({ round: 3 }))
      .thenThrows(CommandRejectedError, refusedWith('round-not-interviewed'));
  });

  it('decides a round held before again, never one advanced or rejected', () => {
    spec
      .given([...allFeedback, recorded(hold)])
      .when(decide({ decisionId: 'd-2' }))
      .then([recorded({ decisionId: 'd-2' })]);
    spec
      .given([...allFeedback, recorded(hold)])
      .when(decide({ ...hold, decisionId: 'd-2' }))
      .then([recorded({ ...hold, decisionId: 'd-2' })]);
    spec
      .given([...allFeedback, recorded()])
      .when(decide({ ...rejection, decisionId: 'd-2' }))
      .thenThrows(CommandRejectedError, refusedWith('round-already-decided', 'advance'));
    spec
      .given([...allFeedback, recorded(rejection)])
      .when(decide({ decisionId: 'd-2' }))
      .thenThrows(CommandRejectedError, refusedWith('round-already-decided', 'reject'));
    spec
      .given([...allFeedback, recorded(hold)])
      .when(decide(hold))
      .thenThrows(CommandRejectedError, refusedWith('panel-decision-already-recorded'));
  });

  it('decides each round on its own', () => {
    const roundTwo = [
      ...allFeedback,
      recorded(),
      scheduled('i-4', ['ada'], 2),
      completed('i-4'),
      ...gaveFeedback('i-4', 'ada', 2),
    ];
    spec
      .given(roundTwo)
      .when(decide({ ...rejection, round: 2, decisionId: 'd-2' }))
      .then([recorded({ ...rejection, round: 2, decisionId: 'd-2' })]);
  });

  it('needs a target for an advance and none otherwise, and feedback for the candidate on a rejection', () => {
    spec
      .given(allFeedback)
      .when(decide({ advanceTo: null }))
      .thenThrows(CommandRejectedError, refusedWith('advance-target-required'));
    spec
      .given(allFeedback)
      .when(decide({ decision: 'hold' }))
      .thenThrows(CommandRejectedError, refusedWith('advance-target-only-for-advance'));
    spec
      .given(allFeedback)
      .when(decide({ ...rejection, feedbackForCandidate: null }))
      .thenThrows(CommandRejectedError, refusedWith('feedback-for-candidate-required'));
  });

  it('advances to background check or offer only a candidate in interviewing', () => {
    const inOffer = [...allFeedback, moved('interviewing', 'offer')];
    spec
      .given(inOffer)
      .when(decide({ advanceTo: 'background-check' }))
      .thenThrows(CommandRejectedError, refusedWith('candidate-not-interviewing', 'offer'));
    spec.given(inOffer).when(decide()).then([recorded()]);
  });

  it('refuses a candidate never registered (404) and a closed candidacy', () => {
    spec.given([]).when(decide()).thenThrows(AggregateNotFoundError);
    spec
      .given([...allFeedback, facts.withdrew()])
      .when(decide())
      .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
  });
});

describe('the debrief fold', () => {
  it('survives a snapshot: interviews, requests in order, decided rounds and decisions', () => {
    const history = [
      ...allFeedback,
      scheduled('i-4', ['ada', 'grace'], 2),
      requested('i-4', 'ada', 2),
      recorded(hold),
      recorded({ decisionId: 'd-2' }),
    ];
    const state = history.reduce(panelDecisionDecider.evolve, panelDecisionDecider.initialState());
    const snapshots = panelDecisionDecider.snapshots!;
    const restored = snapshots.deserialize(JSON.parse(JSON.stringify(snapshots.serialize(state))));
    expect(restored).toEqual(state);
    expect([...restored.feedback.feedback.keys()]).toEqual(['i-1', 'i-4']);
    expect(restored.decisions.map((d) => d.decisionId)).toEqual(['d-1', 'd-2']);
    expect(() => snapshots.deserialize({ candidacy: null, requests: 'none' })).toThrow();
  });
});
