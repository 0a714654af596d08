import type { Recommendation } from '@hirestream/contracts';
import { foldEvents, type RecordedEvent } from '@hirestream/event-sourcing';
import { currentScorecard, type FeedbackStateEvent } from '../domain/feedback.state';
import { panelDecisionDecider } from '../domain/panel-decision.decider';
import { latestDecisionOn, type PanelDecisionState } from '../domain/panel-decision.state';

/** One interviewer's submitted feedback on one interview, with the decision on its round. */
export type CalibrationRow = Readonly<{
  interviewerId: string;
  candidateId: string;
  interviewId: string;
  round: number;
  recommendation: Recommendation;
  /** How many criteria they rated 1, 2, 3 and 4, and left "not assessed". */
  rated: readonly [number, number, number, number];
  notAssessed: number;
  /** The round's latest panel decision; null while undecided. */
  decision: PanelDecisionState['decisions'][number]['decision'] | null;
}>;

/**
 * Folds a batch of one candidate's feedback and decision events onto what the
 * read model held of them, with the panel decision decider's own `evolve`
 * (the shared feedback fold), so reads and commands read events alike. Pure.
 */
export function foldCandidate(
  held: PanelDecisionState | undefined,
  events: readonly RecordedEvent<FeedbackStateEvent>[],
): PanelDecisionState {
  return foldEvents(
    panelDecisionDecider,
    events.map((recorded) => recorded.event),
    held ?? panelDecisionDecider.initialState(),
  );
}

/** Every piece of submitted feedback on the candidate, as its latest amendment has it. */
export function calibrationRowsOf(
  candidateId: string,
  state: PanelDecisionState,
): CalibrationRow[] {
  return [...state.feedback.feedback.values()].flatMap((onInterview) =>
    [...onInterview.values()].flatMap((request) => {
      const scorecard = request.submitted === null ? null : currentScorecard(request);
      if (scorecard === null) return [];
      const count = (rating: number | null) =>
        scorecard.ratings.filter((given) => given.rating === rating).length;
      return [
        {
          interviewerId: request.interviewerId,
          candidateId,
          interviewId: request.interviewId,
          round: request.round,
          recommendation: scorecard.recommendation,
          rated: [count(1), count(2), count(3), count(4)],
          notAssessed: count(null),
          decision: latestDecisionOn(state, request.round)?.decision ?? null,
        },
      ];
    }),
  );
}
