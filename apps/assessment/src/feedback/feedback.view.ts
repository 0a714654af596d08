import {
  actorId,
  assessmentReason,
  INTERVIEW_KINDS,
  nullable,
  oneOf,
  scorecardDraftFields,
  scorecardFields,
  StampedRubric,
  utcInstant,
  uuid,
  type DeepReadonly,
} from '@hirestream/contracts';
import { entityTagOf } from '@hirestream/platform';
import { Type, type Static } from '@sinclair/typebox';
import type { FeedbackCaller } from '../domain/feedback.commands';
import { ownFeedbackRequest, readableFeedback } from '../domain/feedback.decider';
import {
  currentScorecard,
  type FeedbackRequest,
  type FeedbackState,
} from '../domain/feedback.state';

const ScorecardView = Type.Object(scorecardFields, { additionalProperties: false });
const AmendmentView = Type.Object(
  { ...scorecardFields, reason: assessmentReason() },
  { additionalProperties: false },
);

/** One panelist's submitted feedback on one interview, as a reader is shown it. */
export const SubmittedFeedbackView = Type.Object(
  {
    interviewId: uuid(),
    interviewerId: actorId(),
    interviewKind: oneOf(INTERVIEW_KINDS),
    round: Type.Integer({ minimum: 1 }),
    rubric: nullable(StampedRubric),
    current: Type.Object(scorecardFields, {
      additionalProperties: false,
      description: 'What counts: the latest amendment, or the submission',
    }),
    submitted: ScorecardView,
    amendments: Type.Array(AmendmentView, { description: 'Oldest first' }),
  },
  { title: 'SubmittedFeedback', additionalProperties: false },
);
export type SubmittedFeedbackView = DeepReadonly<Static<typeof SubmittedFeedbackView>>;

export const FeedbackListView = Type.Object(
  {
    candidateId: uuid(),
    interviewId: nullable(uuid({ description: 'null: every interview the reader may see' })),
    feedback: Type.Array(SubmittedFeedbackView),
  },
  { title: 'FeedbackList', additionalProperties: false },
);
export type FeedbackListView = DeepReadonly<Static<typeof FeedbackListView>>;

const OWN_STATUSES = ['not-requested', 'open', 'submitted', 'withdrawn'] as const;

/** A panel member's own feedback on an interview: their request, draft, submission and amendments. */
export const OwnFeedbackView = Type.Object(
  {
    candidateId: uuid(),
    interviewId: uuid(),
    interviewerId: actorId(),
    status: oneOf(OWN_STATUSES, {
      description: 'not-requested: the interview is not completed yet, or only just',
    }),
    dueAt: nullable(utcInstant()),
    rubric: nullable(StampedRubric),
    draft: nullable(Type.Object(scorecardDraftFields, { additionalProperties: false })),
    submitted: nullable(ScorecardView),
    amendments: Type.Array(AmendmentView, { description: 'Oldest first' }),
  },
  { title: 'OwnFeedback', additionalProperties: false },
);
export type OwnFeedbackView = DeepReadonly<Static<typeof OwnFeedbackView>>;

type Reply = { header(name: string, value: string): unknown };

/** A candidate's feedback facts at a revision of their stream: a command's outcome, or a load. */
export type FeedbackAt = Readonly<{ state: FeedbackState; revision: bigint | undefined }>;

function submittedView(request: FeedbackRequest): SubmittedFeedbackView | [] {
  const current = currentScorecard(request);
  if (request.submitted === null || current === null) return [];
  const { interviewId, interviewerId, interviewKind, round, rubric, submitted, amendments } =
    request;
  return {
    interviewId,
    interviewerId,
    interviewKind,
    round,
    rubric,
    current,
    submitted,
    amendments,
  };
}

/**
 * Answers with the submitted feedback the reader may see (of one interview, or
 * null: of the candidacy), and the candidate stream's revision as the ETag.
 */
export function replyWithFeedback(
  reply: Reply,
  { state, revision }: FeedbackAt,
  candidateId: string,
  interviewId: string | null,
  reader: FeedbackCaller,
): FeedbackListView {
  const shown = readableFeedback(state, candidateId, interviewId, reader);
  if (revision !== undefined) reply.header('etag', entityTagOf(revision));
  return { candidateId, interviewId, feedback: shown.flatMap(submittedView) };
}

/** Answers with the author's own feedback on the interview, and the stream's revision as the ETag. */
export function replyWithOwnFeedback(
  reply: Reply,
  { state, revision }: FeedbackAt,
  candidateId: string,
  interviewId: string,
  author: FeedbackCaller,
): OwnFeedbackView {
  const request = ownFeedbackRequest(state, candidateId, interviewId, author);
  if (revision !== undefined) reply.header('etag', entityTagOf(revision));
  return {
    candidateId,
    interviewId,
    interviewerId: author.id,
    status: request?.status ?? 'not-requested',
    dueAt: request?.dueAt ?? null,
    rubric: request?.rubric ?? null,
    draft: request?.draft ?? null,
    submitted: request?.submitted ?? null,
    amendments: request?.amendments ?? [],
  };
}
