import type { PanelDecisionEvent } from '@hirestream/contracts';
import type { FeedbackState } from './feedback.state';

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
