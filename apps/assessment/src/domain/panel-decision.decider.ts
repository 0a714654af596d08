import {
  candidateStreamName,
  CommandRejectedError,
  movesStage,
  openCandidacy,
  type FeedbackAuthor,
  type PanelDecisionEvent,
} from '@hirestream/contracts';
import type { Aggregate, Decider } from '@hirestream/event-sourcing';
import {
  evolveFeedback,
  FEEDBACK_STATE_EVENT_TYPES,
  feedbackRequestOf,
  initialFeedbackState,
  type FeedbackStateEvent,
} from './feedback.state';
import type { PanelDecisionCommand, RecordPanelDecision } from './panel-decision.commands';
import {
  latestDecisionOn,
  panelDecisionStateJson,
  type PanelDecisionState,
} from './panel-decision.state';

/** Where an advance moves the candidacy itself (the candidates service carries it out). */
const keyOf = ({ interviewId, interviewerId }: FeedbackAuthor) =>
  JSON.stringify([interviewId, interviewerId]);

const authorsText = (authors: readonly FeedbackAuthor[]) =>
  authors
    .map(({ interviewId, interviewerId }) => `${interviewerId} on interview ${interviewId}`)
    .join(', ');

function checkDecisionShape({
  decision,
  advanceTo,
  feedbackForCandidate,
}: RecordPanelDecision['data']): void {
  if (decision === 'advance' && advanceTo === null) {
    throw new CommandRejectedError(
      'advance-target-required',
      'an advance says where to: next-round, background-check or offer',
    );
  }
  if (decision !== 'advance' && advanceTo !== null) {
    throw new CommandRejectedError(
      'advance-target-only-for-advance',
      `a ${decision} decision moves the candidate nowhere; leave advanceTo null`,
    );
  }
  if (decision === 'reject' && feedbackForCandidate === null) {
    throw new CommandRejectedError(
      'feedback-for-candidate-required',
      'a rejection after interviews gives the candidate constructive feedback',
    );
  }
}

/** Whose feedback the round still lacks: every panelist of each of its completed interviews. */
function missingFeedback(state: PanelDecisionState, round: number): FeedbackAuthor[] {
  const completed = [...state.feedback.interviews.values()].filter(
    (interview) => interview.round === round && interview.outcome === 'completed',
  );
  if (completed.length === 0) {
    throw new CommandRejectedError(
      'round-not-interviewed',
      `round ${round} has no completed interview to decide on`,
    );
  }
  return completed.flatMap(({ interviewId, panel }) =>
    panel
      .filter(
        ({ interviewerId }) =>
          feedbackRequestOf(state.feedback, interviewId, interviewerId)?.submitted == null,
      )
      .map(({ interviewerId }) => ({ interviewId, interviewerId })),
  );
}

/**
 * A decision goes ahead without every panelist's feedback only when the
 * override names exactly the feedback that is missing (nothing else, nothing twice).
 */
function checkFeedbackComplete(
  missing: readonly FeedbackAuthor[],
  override: RecordPanelDecision['data']['override'],
  round: number,
): void {
  const named = override?.missingFeedback ?? [];
  const missingKeys = new Set(missing.map(keyOf));
  const namedKeys = new Set(named.map(keyOf));
  const notMissing = named.filter((author) => !missingKeys.has(keyOf(author)));
  if (notMissing.length > 0) {
    throw new CommandRejectedError(
      'override-names-feedback-not-missing',
      `the override names feedback round ${round} is not missing: ${authorsText(notMissing)}`,
    );
  }
  if (namedKeys.size < named.length) {
    throw new CommandRejectedError(
      'override-names-feedback-twice',
      'the override names the same missing feedback more than once',
    );
  }
  const unnamed = missing.filter((author) => !namedKeys.has(keyOf(author)));
  if (unnamed.length > 0) {
    throw new CommandRejectedError(
      'feedback-missing',
      `round ${round} lacks the feedback of ${authorsText(unnamed)}; wait for it, or override naming it with a reason`,
    );
  }
}

function record(command: RecordPanelDecision, state: PanelDecisionState): PanelDecisionEvent {
  const { candidateId, decisionId, round, advanceTo, override } = command.data;
  const candidacy = openCandidacy(state.feedback.candidacy, candidateId);
  if (state.decisions.some((recorded) => recorded.decisionId === decisionId)) {
    throw new CommandRejectedError(
      'panel-decision-already-recorded',
      `panel decision ${decisionId} is already recorded`,
    );
  }
  checkDecisionShape(command.data);
  const earlier = latestDecisionOn(state, round);
  if (earlier !== undefined && earlier.decision !== 'hold') {
    throw new CommandRejectedError(
      'round-already-decided',
      `round ${round} was decided already (${earlier.decision}); only a hold may be followed by another decision`,
    );
  }
  if (movesStage(advanceTo) && candidacy.stage !== 'interviewing') {
    throw new CommandRejectedError(
      'candidate-not-interviewing',
      `the candidate is in ${candidacy.stage}; only a candidate in interviewing advances to ${advanceTo}`,
    );
  }
  checkFeedbackComplete(missingFeedback(state, round), override, round);
  return { type: 'PanelDecisionRecorded', data: command.data };
}

function evolve(state: PanelDecisionState, event: FeedbackStateEvent): PanelDecisionState {
  const feedback = evolveFeedback(state.feedback, event);
  if (event.type !== 'PanelDecisionRecorded') return { ...state, feedback };
  const { candidateId: _candidateId, ...recorded } = event.data;
  return { feedback, decisions: [...state.decisions, recorded] };
}

const initialState = (): PanelDecisionState => ({
  feedback: initialFeedbackState(),
  decisions: [],
});

export const panelDecisionDecider: Decider<
  PanelDecisionState,
  PanelDecisionCommand,
  FeedbackStateEvent
> = {
  decide: record,
  evolve,
  initialState,
  eventTypes: FEEDBACK_STATE_EVENT_TYPES,
  // Every service appends to the candidate's stream; a debrief reads all of its feedback facts.
  snapshots: {
    name: 'assessment-panel-decisions',
    // Bump whenever `PanelDecisionState`, `evolve`, the shared `evolveFeedback` or `eventTypes`
    // change: older snapshots are then ignored.
    version: 1,
    every: 50,
    ...panelDecisionStateJson,
  },
};

/** A candidate's stream, as the assessment service decides on its debriefs. */
export const panelDecisionAggregate: Aggregate<
  PanelDecisionState,
  PanelDecisionCommand,
  FeedbackStateEvent
> = {
  name: 'candidate-panel-decisions',
  decider: panelDecisionDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};
