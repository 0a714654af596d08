import {
  CANDIDACY_EVENT_TYPES,
  evolveCandidacy,
  evolveInterviewFacts,
  feedbackEventContracts,
  INTERVIEW_FACT_EVENT_TYPES,
  NO_INTERVIEWS,
  type Candidacy,
  type CandidateEvent,
  type FeedbackEvent,
  type InterviewEvent,
  type InterviewFact,
  type InterviewFacts,
  type InterviewKind,
  type PanelDecisionEvent,
  type StampedRubric,
} from '@hirestream/contracts';

/*
 * The feedback facts of one candidate's stream, as every assessment decider
 * reads them: the candidacy, the job applied for, the interviews (scheduling's
 * facts), each panel member's feedback request with its drafts, submission and
 * amendments, and the rounds a panel decision closed.
 */

type EventData<T extends FeedbackEvent['type']> = Extract<FeedbackEvent, { type: T }>['data'];

/** What a submitted scorecard holds (and each amendment replaces). */
export type Scorecard = Readonly<
  Pick<
    EventData<'FeedbackSubmitted'>,
    'ratings' | 'strengths' | 'concerns' | 'notes' | 'recommendation'
  >
>;

/** A saved draft: partial, never counted. */
export type ScorecardDraft = Readonly<
  Pick<
    EventData<'FeedbackDraftSaved'>,
    'ratings' | 'strengths' | 'concerns' | 'notes' | 'recommendation'
  >
>;

export type ScorecardAmendment = Readonly<Scorecard & { reason: string }>;

/** open: asked, not yet given; submitted: given (perhaps amended since); withdrawn: the interview was cancelled. */
export type FeedbackRequestStatus = 'open' | 'submitted' | 'withdrawn';

/** One panel member's feedback on one interview, from the request on. */
export type FeedbackRequest = Readonly<{
  interviewId: string;
  interviewerId: string;
  interviewKind: InterviewKind;
  round: number;
  dueAt: string;
  /** The rubric version the feedback is given against; null when the job had no kit for the kind. */
  rubric: StampedRubric | null;
  status: FeedbackRequestStatus;
  draft: ScorecardDraft | null;
  /** The scorecard as first submitted; amendments never change it. */
  submitted: Scorecard | null;
  amendments: readonly ScorecardAmendment[];
}>;

export type FeedbackState = Readonly<{
  candidacy: Candidacy | null;
  /** The job applied for (from the registration); null before it. */
  jobId: string | null;
  interviews: InterviewFacts;
  /** Feedback requests by interview id, then by interviewer id. */
  feedback: ReadonlyMap<string, ReadonlyMap<string, FeedbackRequest>>;
  /** The interview rounds decided for good (advance or reject); a hold leaves its round open. */
  decidedRounds: ReadonlySet<number>;
}>;

/** The events the feedback state folds. */
export type FeedbackStateEvent =
  | CandidateEvent
  | InterviewEvent
  | Exclude<FeedbackEvent, { type: 'FeedbackRevealed' }>
  | PanelDecisionEvent;

/** The event types `evolveFeedback` folds (reveals change no decision, so they are not folded). */
export const FEEDBACK_STATE_EVENT_TYPES: ReadonlySet<string> = new Set([
  ...CANDIDACY_EVENT_TYPES,
  ...INTERVIEW_FACT_EVENT_TYPES,
  ...feedbackEventContracts
    .map((contract) => contract.type)
    .filter((type) => type !== 'FeedbackRevealed'),
  'PanelDecisionRecorded',
]);

export const initialFeedbackState = (): FeedbackState => ({
  candidacy: null,
  jobId: null,
  interviews: NO_INTERVIEWS,
  feedback: new Map(),
  decidedRounds: new Set(),
});

/** The request of one panel member on one interview, if they were asked. */
export function feedbackRequestOf(
  state: FeedbackState,
  interviewId: string,
  interviewerId: string,
): FeedbackRequest | undefined {
  return state.feedback.get(interviewId)?.get(interviewerId);
}

/** Every request on one interview, in the order they were made. */
export function feedbackRequestsOn(
  state: FeedbackState,
  interviewId: string,
): readonly FeedbackRequest[] {
  return [...(state.feedback.get(interviewId)?.values() ?? [])];
}

function withRequest(state: FeedbackState, request: FeedbackRequest): FeedbackState {
  const onInterview = new Map(state.feedback.get(request.interviewId) ?? []);
  onInterview.set(request.interviewerId, request);
  return { ...state, feedback: new Map(state.feedback).set(request.interviewId, onInterview) };
}

function changedRequest(
  state: FeedbackState,
  key: Readonly<{ interviewId: string; interviewerId: string }>,
  change: (request: FeedbackRequest) => FeedbackRequest,
): FeedbackState {
  const request = feedbackRequestOf(state, key.interviewId, key.interviewerId);
  return request === undefined ? state : withRequest(state, change(request));
}

function scorecardOf(data: Scorecard): Scorecard {
  const { ratings, strengths, concerns, notes, recommendation } = data;
  return { ratings, strengths, concerns, notes, recommendation };
}

/** Folds one event of the candidate's stream into its feedback facts (pure). */
export function evolveFeedback(state: FeedbackState, event: FeedbackStateEvent): FeedbackState {
  switch (event.type) {
    case 'CandidateRegistered':
      return {
        ...state,
        candidacy: evolveCandidacy(state.candidacy, event),
        jobId: event.data.jobId,
      };
    case 'ScreeningRecorded':
    case 'CandidateStageChanged':
    case 'CandidateRejected':
    case 'CandidateWithdrew':
    case 'CandidateHired':
      return { ...state, candidacy: evolveCandidacy(state.candidacy, event) };
    case 'InterviewScheduled':
    case 'InterviewDayScheduled':
    case 'InterviewDayRescheduled':
    case 'InterviewConfirmed':
    case 'InterviewRescheduled':
    case 'InterviewCancelled':
    case 'NoShowRecorded':
    case 'InterviewCompleted':
      return { ...state, interviews: evolveInterviewFacts(state.interviews, event) };
    case 'FeedbackRequested': {
      const { interviewId, interviewerId, interviewKind, round, dueAt, rubric } = event.data;
      return withRequest(state, {
        interviewId,
        interviewerId,
        interviewKind,
        round,
        dueAt,
        rubric,
        status: 'open',
        draft: null,
        submitted: null,
        amendments: [],
      });
    }
    case 'FeedbackRequestWithdrawn':
      return changedRequest(state, event.data, (request) => ({
        ...request,
        status: 'withdrawn',
      }));
    case 'FeedbackDraftSaved': {
      const { ratings, strengths, concerns, notes, recommendation } = event.data;
      return changedRequest(state, event.data, (request) => ({
        ...request,
        draft: { ratings, strengths, concerns, notes, recommendation },
      }));
    }
    case 'FeedbackSubmitted':
      return changedRequest(state, event.data, (request) => ({
        ...request,
        status: 'submitted',
        draft: null,
        submitted: scorecardOf(event.data),
      }));
    case 'FeedbackAmended':
      return changedRequest(state, event.data, (request) => ({
        ...request,
        amendments: [
          ...request.amendments,
          { ...scorecardOf(event.data), reason: event.data.reason },
        ],
      }));
    case 'PanelDecisionRecorded':
      // A hold may be decided again, so the round's feedback stays open until it is.
      return event.data.decision === 'hold'
        ? state
        : { ...state, decidedRounds: new Set(state.decidedRounds).add(event.data.round) };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

/** The scorecard that counts: the latest amendment, or the submission. */
export function currentScorecard(request: FeedbackRequest): Scorecard | null {
  const amended = request.amendments.at(-1);
  return amended === undefined ? request.submitted : scorecardOf(amended);
}

/** The feedback state as JSON: the interviews and requests as lists, in their order. */
export type StoredFeedbackState = Readonly<{
  candidacy: FeedbackState['candidacy'];
  jobId: string | null;
  interviews: InterviewFact[];
  /** Every request, grouped by interview in the order the interviews were first asked about. */
  requests: FeedbackRequest[];
  decidedRounds: number[];
}>;

function restoredFeedbackState(stored: unknown): FeedbackState {
  const { candidacy, jobId, interviews, requests, decidedRounds } = (stored ??
    {}) as Partial<StoredFeedbackState>;
  if (
    candidacy === undefined ||
    jobId === undefined ||
    !Array.isArray(interviews) ||
    !Array.isArray(requests) ||
    !Array.isArray(decidedRounds) ||
    !interviews.every((i) => typeof i?.interviewId === 'string' && Array.isArray(i.panel)) ||
    !requests.every((r) => typeof r?.interviewerId === 'string' && Array.isArray(r.amendments))
  ) {
    throw new Error("not a candidate's feedback");
  }
  const feedback = new Map<string, Map<string, FeedbackRequest>>();
  for (const request of requests) {
    const onInterview = feedback.get(request.interviewId) ?? new Map<string, FeedbackRequest>();
    feedback.set(request.interviewId, onInterview.set(request.interviewerId, request));
  }
  return {
    candidacy,
    jobId,
    interviews: new Map(interviews.map((interview) => [interview.interviewId, interview])),
    feedback,
    decidedRounds: new Set(decidedRounds),
  };
}

/** A candidate's feedback state as JSON and back (snapshots, and the debrief state built on it). */
export const feedbackStateJson = {
  serialize: (state: FeedbackState): StoredFeedbackState => ({
    candidacy: state.candidacy,
    jobId: state.jobId,
    interviews: [...state.interviews.values()],
    requests: [...state.feedback.values()].flatMap((onInterview) => [...onInterview.values()]),
    decidedRounds: [...state.decidedRounds],
  }),
  deserialize: restoredFeedbackState,
};
