import type { PanelDecisionEvent } from '@hirestream/contracts';
import { feedbackStateJson, type FeedbackState, type StoredFeedbackState } from './feedback.state';

/** A decision as recorded (the candidate id is the stream's). */
export type RecordedPanelDecision = Readonly<Omit<PanelDecisionEvent['data'], 'candidateId'>>;

/**
 * The debrief view of a candidate's stream: the feedback facts every
 * assessment decider reads (candidacy, interviews, each panelist's feedback)
 * and every panel decision, in the order recorded.
 */
export type PanelDecisionState = Readonly<{
  feedback: FeedbackState;
  decisions: readonly RecordedPanelDecision[];
}>;

/** The latest decision on the round, if any: a hold may be followed by another decision. */
export function latestDecisionOn(
  state: PanelDecisionState,
  round: number,
): RecordedPanelDecision | undefined {
  return state.decisions.filter((decision) => decision.round === round).at(-1);
}

/** The feedback state's JSON with the decisions beside it, flat (the calibration read model keeps it). */
type StoredPanelDecisionState = StoredFeedbackState &
  Readonly<{ decisions: RecordedPanelDecision[] }>;

/** A candidate's debrief state as JSON and back (snapshots, the calibration read model). */
export const panelDecisionStateJson = {
  serialize: ({ feedback, decisions }: PanelDecisionState): StoredPanelDecisionState => ({
    ...feedbackStateJson.serialize(feedback),
    decisions: [...decisions],
  }),
  deserialize: (stored: unknown): PanelDecisionState => {
    const decisions = (stored as Partial<StoredPanelDecisionState> | null)?.decisions;
    if (!Array.isArray(decisions)) throw new Error('not the panel decisions of a candidate');
    return { feedback: feedbackStateJson.deserialize(stored), decisions };
  },
};
