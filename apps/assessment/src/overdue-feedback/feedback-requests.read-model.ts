import type {
  CandidateEvent,
  FeedbackEvent,
  InterviewKind,
  PanelDecisionEvent,
} from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';

/** The events the feedback-request list reads. */
export type FeedbackRequestListEvent = CandidateEvent | FeedbackEvent | PanelDecisionEvent;

export const FEEDBACK_REQUEST_LIST_EVENT_TYPES: readonly FeedbackRequestListEvent['type'][] = [
  'FeedbackRequested',
  'FeedbackRequestWithdrawn',
  'FeedbackSubmitted',
  'PanelDecisionRecorded',
  'CandidateStageChanged',
  'CandidateRejected',
  'CandidateWithdrew',
  'CandidateHired',
];

/**
 * open: waiting for the panelist; submitted; withdrawn: the interview was
 * cancelled; lapsed: the round was decided (advance or reject), or the
 * candidacy closed, without it (it can no longer be given).
 */
export const FEEDBACK_REQUEST_STATUSES = ['open', 'submitted', 'withdrawn', 'lapsed'] as const;
export type FeedbackRequestStatus = (typeof FEEDBACK_REQUEST_STATUSES)[number];

type RequestKey = Readonly<{ candidateId: string; interviewId: string; interviewerId: string }>;

export type FeedbackRequestRow = RequestKey &
  Readonly<{
    interviewKind: InterviewKind;
    round: number;
    requestedAt: string;
    dueAt: string;
    status: FeedbackRequestStatus;
    settledAt: string | null;
  }>;

/**
 * What one event does to the list: a new open request; a request settled
 * (submitted or withdrawn); or the open requests of a candidate lapsing (of one
 * round when `round` is set, of every round when the candidacy closed).
 */
export type FeedbackRequestChange =
  | Readonly<{ kind: 'request'; row: FeedbackRequestRow }>
  | Readonly<{ kind: 'settle'; key: RequestKey; status: 'submitted' | 'withdrawn'; at: string }>
  | Readonly<{ kind: 'lapse'; candidateId: string; round: number | null; at: string }>;

function changeOf(event: FeedbackRequestListEvent, at: string): FeedbackRequestChange | undefined {
  switch (event.type) {
    case 'FeedbackRequested': {
      const { candidateId, interviewId, interviewerId, interviewKind, round, dueAt } = event.data;
      return {
        kind: 'request',
        row: {
          candidateId,
          interviewId,
          interviewerId,
          interviewKind,
          round,
          requestedAt: at,
          dueAt,
          status: 'open',
          settledAt: null,
        },
      };
    }
    case 'FeedbackSubmitted':
    case 'FeedbackRequestWithdrawn': {
      const { candidateId, interviewId, interviewerId } = event.data;
      const status = event.type === 'FeedbackSubmitted' ? 'submitted' : 'withdrawn';
      return { kind: 'settle', key: { candidateId, interviewId, interviewerId }, status, at };
    }
    case 'PanelDecisionRecorded': {
      // A hold may be decided again: its round still waits for feedback.
      const { candidateId, round, decision } = event.data;
      return decision === 'hold' ? undefined : { kind: 'lapse', candidateId, round, at };
    }
    case 'CandidateRejected':
    case 'CandidateWithdrew':
    case 'CandidateHired':
      return { kind: 'lapse', candidateId: event.data.candidateId, round: null, at };
    case 'CandidateStageChanged':
      // Histories from before CandidateHired moved the stage to hired.
      return event.data.to === 'hired'
        ? { kind: 'lapse', candidateId: event.data.candidateId, round: null, at }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The list's fold, pure: a batch of events as runs of changes of one kind, in
 * the order they happened, so each run is one statement and a later change
 * never lands before an earlier one.
 */
export function feedbackRequestChanges(
  events: readonly RecordedEvent<FeedbackRequestListEvent>[],
): FeedbackRequestChange[][] {
  const runs: FeedbackRequestChange[][] = [];
  for (const { event, metadata } of events) {
    const change = changeOf(event, metadata.occurredAt);
    if (change === undefined) continue;
    const last = runs.at(-1);
    if (last !== undefined && last[0].kind === change.kind) last.push(change);
    else runs.push([change]);
  }
  return runs;
}
