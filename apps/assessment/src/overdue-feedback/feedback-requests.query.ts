import {
  actorId,
  INTERVIEW_KINDS,
  nullable,
  oneOf,
  utcInstant,
  uuid,
  type DeepReadonly,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { FEEDBACK_REQUEST_STATUSES } from './feedback-requests.read-model';

export const InterviewerParams = Type.Object(
  { id: actorId({ description: "The interviewer's id at the identity provider" }) },
  { additionalProperties: false },
);
export type InterviewerParams = Static<typeof InterviewerParams>;

export const FeedbackRequestsQuery = Type.Object(
  {
    overdue: Type.Optional(
      Type.Boolean({ description: 'true: only open requests past their due time' }),
    ),
    status: Type.Optional(oneOf(FEEDBACK_REQUEST_STATUSES)),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type FeedbackRequestsQuery = Static<typeof FeedbackRequestsQuery>;

const FeedbackRequestItem = Type.Object(
  {
    candidateId: uuid(),
    interviewId: uuid(),
    interviewerId: actorId(),
    interviewKind: oneOf(INTERVIEW_KINDS),
    round: Type.Integer({ minimum: 1 }),
    requestedAt: utcInstant(),
    dueAt: utcInstant(),
    status: oneOf(FEEDBACK_REQUEST_STATUSES, {
      description:
        'withdrawn: the interview was cancelled; lapsed: the round was decided, or the candidacy closed, without it',
    }),
    settledAt: nullable(utcInstant()),
    overdue: Type.Boolean({ description: 'Open and past its due time' }),
  },
  { title: 'FeedbackRequest', additionalProperties: false },
);

export const FeedbackRequestList = Type.Object(
  {
    limit: Type.Integer(),
    offset: Type.Integer(),
    items: Type.Array(FeedbackRequestItem, { description: 'Soonest due first' }),
  },
  { title: 'FeedbackRequestList', additionalProperties: false },
);
export type FeedbackRequestList = DeepReadonly<Static<typeof FeedbackRequestList>>;
