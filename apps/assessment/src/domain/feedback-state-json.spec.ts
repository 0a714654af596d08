import { foldEvents } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { feedbackDecider } from './feedback.decider';
import type { FeedbackStateEvent } from './feedback.state';
import { panelDecisionDecider } from './panel-decision.decider';

const facts = candidateStreamFacts('c-1');
/** Two interviews, a draft, a submission amended, a withdrawal and a decided round. */
const history: FeedbackStateEvent[] = [
  ...facts.interviewing(),
  facts.scheduled('i-1', ['grace', 'alan']),
  facts.scheduled('i-2', ['barbara']),
  facts.completed('i-1'),
  facts.requested('i-1', 'grace'),
  facts.requested('i-1', 'alan'),
  facts.draftSaved('i-1', 'alan'),
  facts.submitted('i-1', 'grace'),
  facts.amended('i-1', 'grace'),
  facts.completed('i-2'),
  facts.requested('i-2', 'barbara'),
  facts.cancelled('i-2'),
  facts.decided({ decision: 'reject' }),
];

/** Through JSON text, as a snapshot is stored and read back. */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the snapshot form of the feedback and debrief states', () => {
  it('gives back the feedback state a fold made', () => {
    const policy = feedbackDecider.snapshots!;
    const state = foldEvents(feedbackDecider, history);
    expect(policy.deserialize(throughJson(policy.serialize(state)))).toEqual(state);
  });

  it('gives back the debrief state, decisions included', () => {
    const policy = panelDecisionDecider.snapshots!;
    const state = foldEvents(panelDecisionDecider, history);
    expect(state.decisions).toHaveLength(1);
    expect(policy.deserialize(throughJson(policy.serialize(state)))).toEqual(state);
  });

  it('refuses what is not such a state, so the stream is read instead', () => {
    for (const policy of [feedbackDecider.snapshots!, panelDecisionDecider.snapshots!]) {
      expect(() => policy.deserialize({ interviews: 'none' })).toThrow();
      expect(() => policy.deserialize(null)).toThrow();
    }
    const feedbackOnly = throughJson(
      feedbackDecider.snapshots!.serialize(foldEvents(feedbackDecider, history)),
    );
    expect(() => panelDecisionDecider.snapshots!.deserialize(feedbackOnly)).toThrow();
  });
});
