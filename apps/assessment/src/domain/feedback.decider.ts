import {
  AggregateNotFoundError,
  candidateStreamName,
  CLOSED_CANDIDACY_STAGES,
  CommandRejectedError,
  MAX_REVEALED_PER_EVENT,
  openCandidacy,
  sitsOnPanel,
  type CriterionRating,
  type FeedbackAuthor,
  type FeedbackEvent,
  type InterviewFact,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import type {
  AmendFeedback,
  FeedbackCaller,
  FeedbackCommand,
  RequestFeedback,
  RevealFeedback,
  SaveFeedbackDraft,
  SubmitFeedback,
  WithdrawClosedCandidacyFeedbackRequests,
  WithdrawFeedbackRequests,
} from './feedback.commands';
import {
  evolveFeedback,
  FEEDBACK_STATE_EVENT_TYPES,
  feedbackRequestOf,
  feedbackRequestsOn,
  feedbackStateJson,
  initialFeedbackState,
  type FeedbackRequest,
  type FeedbackState,
  type FeedbackStateEvent,
} from './feedback.state';
import { checkRatings } from './rubric-ratings';

/** Everything of the candidate's stream the feedback decider folds or writes. */
export type FeedbackStreamEvent = FeedbackStateEvent | FeedbackEvent;

/** The most authors one reveal names (the contract's bound); a larger read is recorded in parts. */
/**
 * The interview as the caller may know it: a staff reader knows every
 * interview of the candidate, anyone else only those they sit on (404 for the
 * others, as scheduling hides them).
 */
export function interviewFor(
  state: FeedbackState,
  interviewId: string,
  caller: FeedbackCaller,
): InterviewFact {
  const interview = state.interviews.get(interviewId);
  if (
    interview === undefined ||
    (!caller.seesEveryInterview && !sitsOnPanel(interview, caller.id))
  ) {
    throw new AggregateNotFoundError(`interview ${interviewId} does not exist`);
  }
  return interview;
}

/** The interview, if the author sits on its panel: only its panel members give feedback on it. */
function panelSeatOf(
  state: FeedbackState,
  interviewId: string,
  author: FeedbackCaller,
): InterviewFact {
  const interview = interviewFor(state, interviewId, author);
  if (!sitsOnPanel(interview, author.id)) {
    throw new CommandRejectedError(
      'not-on-panel',
      `${author.id} is not on the panel of interview ${interviewId}; only its panel members give feedback on it, each their own`,
    );
  }
  return interview;
}

/**
 * The author's own feedback request on an interview they sit on (undefined:
 * not asked yet), for them to read; refused as their writes are, but a closed
 * candidacy's may still be read.
 */
export function ownFeedbackRequest(
  state: FeedbackState,
  candidateId: string,
  interviewId: string,
  author: FeedbackCaller,
): FeedbackRequest | undefined {
  if (state.candidacy === null) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  panelSeatOf(state, interviewId, author);
  return feedbackRequestOf(state, interviewId, author.id);
}

const NOT_COMPLETED_RULES = {
  open: ['interview-not-completed', 'has not been completed yet'],
  cancelled: ['interview-cancelled', 'was cancelled'],
  'no-show': ['interview-no-show', 'did not take place (a no-show was recorded)'],
} as const;

/** The author's seat: a panel member of a completed interview, asked for their feedback. */
function authorsRequest(
  state: FeedbackState,
  candidateId: string,
  interviewId: string,
  author: FeedbackCaller,
): FeedbackRequest {
  openCandidacy(state.candidacy, candidateId);
  const interview = panelSeatOf(state, interviewId, author);
  if (interview.outcome !== 'completed') {
    const [rule, what] = NOT_COMPLETED_RULES[interview.outcome];
    throw new CommandRejectedError(
      rule,
      `interview ${interviewId} ${what}; feedback is given on completed interviews only`,
    );
  }
  const request = feedbackRequestOf(state, interviewId, author.id);
  if (request === undefined) {
    throw new CommandRejectedError(
      'feedback-not-requested',
      `feedback on interview ${interviewId} has not been requested from ${author.id} yet (it is, moments after the interview is completed); try again shortly`,
    );
  }
  return request;
}

function checkRoundOpen(state: FeedbackState, request: FeedbackRequest, action: string): void {
  if (state.decidedRounds.has(request.round)) {
    throw new CommandRejectedError(
      'round-decided',
      `the panel decision of round ${request.round} is recorded; feedback on interview ${request.interviewId} can no longer be ${action}`,
    );
  }
}

/**
 * Ratings against the stamped rubric (`checkRatings`: none unknown, none twice,
 * every criterion rated when `complete`), in the rubric's order. A draft is
 * checked against the criteria it rates, so the others may wait.
 */
function checkedRatings(
  ratings: readonly CriterionRating[],
  request: FeedbackRequest,
  complete: boolean,
): CriterionRating[] {
  const { rubric, interviewerId, interviewId } = request;
  const what = `the feedback of ${interviewerId} on interview ${interviewId}`;
  if (rubric === null) {
    if (ratings.length > 0) {
      throw new CommandRejectedError(
        'unknown-criterion',
        `${what} rates ${ratings[0].criterionId}, but the interview has no rubric (the job had no kit for it when it was completed)`,
      );
    }
    return [];
  }
  checkRatings(rubric, ratings, what, complete);
  const order = rubric.criteria.map((criterion) => criterion.criterionId);
  return [...ratings].sort((a, b) => order.indexOf(a.criterionId) - order.indexOf(b.criterionId));
}

function checkNotSubmitted(request: FeedbackRequest): void {
  if (request.status === 'submitted') {
    throw new CommandRejectedError(
      'feedback-already-submitted',
      `${request.interviewerId} has submitted their feedback on interview ${request.interviewId}; it is given once (an amendment, with a reason, changes it)`,
    );
  }
}

function requestFeedback(command: RequestFeedback, state: FeedbackState): FeedbackEvent[] {
  const { candidateId, interviewId, dueAt, rubric } = command.data;
  const interview = state.interviews.get(interviewId);
  // The stream decides, not the message: nothing is asked on a closed candidacy or of an
  // interview the stream does not show completed, and nobody is asked twice.
  if (
    state.candidacy === null ||
    CLOSED_CANDIDACY_STAGES.has(state.candidacy.stage) ||
    interview?.outcome !== 'completed'
  ) {
    return [];
  }
  return interview.panel
    .filter(
      ({ interviewerId }) => feedbackRequestOf(state, interviewId, interviewerId) === undefined,
    )
    .map(({ interviewerId }) => ({
      type: 'FeedbackRequested',
      data: {
        candidateId,
        interviewId,
        interviewerId,
        interviewKind: interview.kind,
        round: interview.round,
        dueAt,
        rubric,
      },
    }));
}

function withdrawRequests(
  command: WithdrawFeedbackRequests,
  state: FeedbackState,
): FeedbackEvent[] {
  const { candidateId, interviewId, reason } = command.data;
  if (state.interviews.get(interviewId)?.outcome !== 'cancelled') return [];
  return feedbackRequestsOn(state, interviewId)
    .filter((request) => request.status === 'open')
    .map(({ interviewerId }) => ({
      type: 'FeedbackRequestWithdrawn',
      data: { candidateId, interviewId, interviewerId, reason },
    }));
}

function withdrawClosedCandidacyRequests(
  command: WithdrawClosedCandidacyFeedbackRequests,
  state: FeedbackState,
): FeedbackEvent[] {
  const { candidateId, reason } = command.data;
  // The stream decides: an open candidacy (the message contradicted) keeps its requests.
  if (state.candidacy === null || !CLOSED_CANDIDACY_STAGES.has(state.candidacy.stage)) return [];
  return [...state.feedback.values()]
    .flatMap((requests) => [...requests.values()])
    .filter((request) => request.status === 'open')
    .map(({ interviewId, interviewerId }) => ({
      type: 'FeedbackRequestWithdrawn',
      data: { candidateId, interviewId, interviewerId, reason },
    }));
}

function saveDraft(command: SaveFeedbackDraft, state: FeedbackState): FeedbackEvent {
  const { candidateId, interviewId, author, ratings, ...texts } = command.data;
  const request = authorsRequest(state, candidateId, interviewId, author);
  checkNotSubmitted(request);
  checkRoundOpen(state, request, 'given');
  return {
    type: 'FeedbackDraftSaved',
    data: {
      candidateId,
      interviewId,
      interviewerId: author.id,
      ratings: checkedRatings(ratings, request, false),
      ...texts,
    },
  };
}

function submit(command: SubmitFeedback, state: FeedbackState): FeedbackEvent {
  const { candidateId, interviewId, author, ratings, ...texts } = command.data;
  const request = authorsRequest(state, candidateId, interviewId, author);
  checkNotSubmitted(request);
  checkRoundOpen(state, request, 'given');
  return {
    type: 'FeedbackSubmitted',
    data: {
      candidateId,
      interviewId,
      interviewerId: author.id,
      rubricId: request.rubric?.rubricId ?? null,
      rubricVersion: request.rubric?.version ?? null,
      ratings: checkedRatings(ratings, request, true),
      ...texts,
    },
  };
}

function amend(command: AmendFeedback, state: FeedbackState): FeedbackEvent {
  const { candidateId, interviewId, author, ratings, ...rest } = command.data;
  const request = authorsRequest(state, candidateId, interviewId, author);
  if (request.status !== 'submitted') {
    throw new CommandRejectedError(
      'feedback-not-submitted',
      `${author.id} has not submitted feedback on interview ${interviewId}; only submitted feedback is amended (save a draft, then submit)`,
    );
  }
  checkRoundOpen(state, request, 'amended');
  return {
    type: 'FeedbackAmended',
    data: {
      candidateId,
      interviewId,
      interviewerId: author.id,
      ratings: checkedRatings(ratings, request, true),
      ...rest,
    },
  };
}

/**
 * The completed interviews the person sits on without having submitted their
 * feedback: while there is one, they are blind to everyone's feedback on the
 * candidate (the strictest reading of "blind until one's own is in").
 */
function blindingInterviews(state: FeedbackState, personId: string): string[] {
  return [...state.interviews.values()]
    .filter(
      (interview) =>
        interview.outcome === 'completed' &&
        sitsOnPanel(interview, personId) &&
        feedbackRequestOf(state, interview.interviewId, personId)?.status !== 'submitted',
    )
    .map((interview) => interview.interviewId);
}

/**
 * The submitted feedback a reader may be shown, of one interview or of the
 * candidacy (every interview a staff reader knows, or those an interviewer sits
 * on), their own included; refuses what `RevealFeedback` refuses.
 */
export function readableFeedback(
  state: FeedbackState,
  candidateId: string,
  interviewId: string | null,
  reader: FeedbackCaller,
): FeedbackRequest[] {
  if (state.candidacy === null) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  const interviews =
    interviewId === null
      ? [...state.interviews.values()].filter(
          (interview) => reader.seesEveryInterview || sitsOnPanel(interview, reader.id),
        )
      : [interviewFor(state, interviewId, reader)];
  if (interviewId === null && !reader.seesEveryInterview && interviews.length === 0) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  const blinding = blindingInterviews(state, reader.id);
  if (blinding.length > 0) {
    throw new CommandRejectedError(
      'own-feedback-first',
      `${reader.id} sits on the panel of interview ${blinding.join(', ')} and has not submitted their feedback: submit it before reading anyone's feedback on this candidate`,
    );
  }
  return interviews.flatMap((interview) =>
    feedbackRequestsOn(state, interview.interviewId).filter(
      (request) => request.status === 'submitted',
    ),
  );
}

function reveal(command: RevealFeedback, state: FeedbackState): FeedbackEvent[] {
  const { candidateId, interviewId, reader } = command.data;
  const revealed: FeedbackAuthor[] = readableFeedback(state, candidateId, interviewId, reader)
    .filter((request) => request.interviewerId !== reader.id)
    .map(({ interviewId: ofInterview, interviewerId }) => ({
      interviewId: ofInterview,
      interviewerId,
    }));
  const events: FeedbackEvent[] = [];
  for (let from = 0; from < revealed.length; from += MAX_REVEALED_PER_EVENT) {
    events.push({
      type: 'FeedbackRevealed',
      data: {
        candidateId,
        readerId: reader.id,
        readerRole: reader.role,
        revealed: revealed.slice(from, from + MAX_REVEALED_PER_EVENT),
      },
    });
  }
  return events;
}

function decide(command: FeedbackCommand, state: FeedbackState): FeedbackEvent | FeedbackEvent[] {
  switch (command.type) {
    case 'RequestFeedback':
      return requestFeedback(command, state);
    case 'WithdrawFeedbackRequests':
      return withdrawRequests(command, state);
    case 'WithdrawClosedCandidacyFeedbackRequests':
      return withdrawClosedCandidacyRequests(command, state);
    case 'SaveFeedbackDraft':
      return saveDraft(command, state);
    case 'SubmitFeedback':
      return submit(command, state);
    case 'AmendFeedback':
      return amend(command, state);
    case 'RevealFeedback':
      return reveal(command, state);
    default:
      return assertNever(command);
  }
}

export const feedbackDecider: Decider<FeedbackState, FeedbackCommand, FeedbackStreamEvent> = {
  decide,
  // A reveal changes no decision; the fold passes it over (eventTypes leaves it out).
  evolve: (state, event) =>
    event.type === 'FeedbackRevealed' ? state : evolveFeedback(state, event),
  initialState: initialFeedbackState,
  eventTypes: FEEDBACK_STATE_EVENT_TYPES,
  // Every service appends to the candidate's stream, and every feedback read and write loads it.
  snapshots: {
    name: 'assessment-feedback',
    // Bump whenever `FeedbackState`, `evolveFeedback` or `eventTypes` change: older snapshots are then ignored.
    version: 1,
    every: 50,
    ...feedbackStateJson,
  },
};

/** A candidate's stream, as the feedback commands decide on it. */
export const feedbackAggregate: Aggregate<FeedbackState, FeedbackCommand, FeedbackStreamEvent> = {
  name: 'candidate-feedback',
  decider: feedbackDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};
