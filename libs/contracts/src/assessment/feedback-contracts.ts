import { Type, type Static } from '@sinclair/typebox';
import { eventContract, type DeepReadonly, type EventOf } from '../core/event-contract';
import {
  actorId,
  identifier,
  multiLineText,
  nullable,
  oneOf,
  utcInstant,
  uuid,
} from '../core/field-schemas';
import { personal } from '../core/personal-data';
import { ACTOR_ROLES } from '../core/event-metadata';
import { INTERVIEW_KINDS } from '../scheduling/interview-vocabulary';
import { RATINGS, RECOMMENDATIONS } from './assessment-vocabulary';
import { StampedRubric } from './rubric-contracts';

const OWNER = 'assessment';

/** Whose feedback one `FeedbackRevealed` names at most; a larger reveal is several events. */
export const MAX_REVEALED_PER_EVENT = 500;

/** Free text of an assessment (strengths, concerns, notes, reasons): about the candidate. */
export const assessmentText = () => personal(multiLineText(10_000));
export const assessmentReason = () => personal(multiLineText(2_000));

/** A rating of one criterion of the stamped rubric; null is "not assessed". */
export const CriterionRating = Type.Object(
  { criterionId: identifier(), rating: nullable(oneOf(RATINGS)) },
  { additionalProperties: false },
);
export type CriterionRating = DeepReadonly<Static<typeof CriterionRating>>;

/** What a scorecard holds; a submitted one rates every criterion of its rubric (the decider checks). */
export const scorecardFields = {
  ratings: Type.Array(CriterionRating, { maxItems: 30 }),
  strengths: assessmentText(),
  concerns: assessmentText(),
  notes: nullable(assessmentText()),
  recommendation: oneOf(RECOMMENDATIONS),
};

/** A draft may be partial: any ratings, any text, no recommendation yet. */
export const scorecardDraftFields = {
  ratings: Type.Array(CriterionRating, { maxItems: 30 }),
  strengths: nullable(assessmentText()),
  concerns: nullable(assessmentText()),
  notes: nullable(assessmentText()),
  recommendation: nullable(oneOf(RECOMMENDATIONS)),
};

/** Whose feedback on which interview. */
export const FeedbackAuthor = Type.Object(
  { interviewId: uuid(), interviewerId: actorId() },
  { additionalProperties: false },
);
export type FeedbackAuthor = DeepReadonly<Static<typeof FeedbackAuthor>>;

const feedbackKey = { candidateId: uuid(), interviewId: uuid(), interviewerId: actorId() };

export const feedbackRequestedContract = eventContract({
  type: 'FeedbackRequested',
  owner: OWNER,
  description:
    'A panel member of a completed interview was asked for feedback by a due time, against the rubric version current then (null when the job has no kit for the interview kind).',
  schemaVersion: 1,
  data: {
    ...feedbackKey,
    interviewKind: oneOf(INTERVIEW_KINDS),
    round: Type.Integer({ minimum: 1, maximum: 20 }),
    dueAt: utcInstant(),
    rubric: nullable(StampedRubric),
  },
});

export const feedbackRequestWithdrawnContract = eventContract({
  type: 'FeedbackRequestWithdrawn',
  owner: OWNER,
  description: 'An open feedback request was withdrawn (the interview was cancelled).',
  schemaVersion: 1,
  data: { ...feedbackKey, reason: assessmentReason() },
});

export const feedbackDraftSavedContract = eventContract({
  type: 'FeedbackDraftSaved',
  owner: OWNER,
  description: 'A panel member saved a draft of their feedback; drafts never count.',
  schemaVersion: 1,
  data: { ...feedbackKey, ...scorecardDraftFields },
});

export const feedbackSubmittedContract = eventContract({
  type: 'FeedbackSubmitted',
  owner: OWNER,
  description:
    'A panel member submitted their feedback on an interview, against the rubric version stamped on their request; once per interviewer per interview.',
  schemaVersion: 1,
  data: {
    ...feedbackKey,
    rubricId: nullable(uuid()),
    rubricVersion: nullable(Type.Integer({ minimum: 1 })),
    ...scorecardFields,
  },
});

export const feedbackAmendedContract = eventContract({
  type: 'FeedbackAmended',
  owner: OWNER,
  description:
    'A panel member amended their submitted feedback before the panel decision, with a reason; the original stays in the history.',
  schemaVersion: 1,
  data: { ...feedbackKey, ...scorecardFields, reason: assessmentReason() },
});

export const feedbackRevealedContract = eventContract({
  type: 'FeedbackRevealed',
  owner: OWNER,
  description:
    "Submitted feedback was shown to a reader: who saw whose feedback, and when (the event's occurred-at). Lets an auditor prove each recommendation was made before its author saw anyone else's.",
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    readerId: actorId(),
    readerRole: oneOf(ACTOR_ROLES),
    revealed: Type.Array(FeedbackAuthor, { minItems: 1, maxItems: MAX_REVEALED_PER_EVENT }),
  },
});

export const feedbackEventContracts = [
  feedbackRequestedContract,
  feedbackRequestWithdrawnContract,
  feedbackDraftSavedContract,
  feedbackSubmittedContract,
  feedbackAmendedContract,
  feedbackRevealedContract,
] as const;
export type FeedbackEvent = EventOf<(typeof feedbackEventContracts)[number]>;

export type FeedbackRequested = EventOf<typeof feedbackRequestedContract>;
export type FeedbackRequestWithdrawn = EventOf<typeof feedbackRequestWithdrawnContract>;
export type FeedbackDraftSaved = EventOf<typeof feedbackDraftSavedContract>;
export type FeedbackSubmitted = EventOf<typeof feedbackSubmittedContract>;
export type FeedbackAmended = EventOf<typeof feedbackAmendedContract>;
export type FeedbackRevealed = EventOf<typeof feedbackRevealedContract>;
