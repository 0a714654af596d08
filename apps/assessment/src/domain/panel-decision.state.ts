import type { InterviewFact, PanelDecisionEvent } from '@hirestream/contracts';
import type { FeedbackRequest, FeedbackState } from './feedback.state';

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

type StoredPanelDecisionState = Readonly<{
  candidacy: FeedbackState['candidacy'];
  jobId: string | null;
  interviews: InterviewFact[];
  /** Every request, grouped by interview in the order the interviews were first asked about. */
  requests: FeedbackRequest[];
  decidedRounds: number[];
  decisions: RecordedPanelDecision[];
}>;

function restoredPanelDecisionState(stored: unknown): PanelDecisionState {
  const { candidacy, jobId, interviews, requests, decidedRounds, decisions } = (stored ??
    {}) as Partial<StoredPanelDecisionState>;
  if (
    candidacy === undefined ||
    jobId === undefined ||
    !Array.isArray(interviews) ||
    !Array.isArray(requests) ||
    !Array.isArray(decidedRounds) ||
    !Array.isArray(decisions) ||
    !interviews.every((i) => typeof i?.interviewId === 'string' && Array.isArray(i.panel)) ||
    !requests.every((r) => typeof r?.interviewerId === 'string' && Array.isArray(r.amendments))
  ) {
    throw new Error('not the panel decisions of a candidate');
  }
  const feedback = new Map<string, Map<string, FeedbackRequest>>();
  for (const request of requests) {
    const onInterview = feedback.get(request.interviewId) ?? new Map<string, FeedbackRequest>();
    feedback.set(request.interviewId, onInterview.set(request.interviewerId, request));
  }
  return {
    feedback: {
      candidacy,
      jobId,
      interviews: new Map(interviews.map((interview) => [interview.interviewId, interview])),
      feedback,
      decidedRounds: new Set(decidedRounds),
    },
    decisions,
  };
}

/** A candidate's debrief state as JSON and back (snapshots, the calibration read model). */
export const panelDecisionStateJson = {
  serialize: ({ feedback, decisions }: PanelDecisionState): StoredPanelDecisionState => ({
    candidacy: feedback.candidacy,
    jobId: feedback.jobId,
    interviews: [...feedback.interviews.values()],
    requests: [...feedback.feedback.values()].flatMap((onInterview) => [...onInterview.values()]),
    decidedRounds: [...feedback.decidedRounds],
    decisions: [...decisions],
  }),
  deserialize: restoredPanelDecisionState,
};
