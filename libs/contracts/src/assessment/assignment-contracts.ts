import { Type } from '@sinclair/typebox';
import { eventContract, type EventOf } from '../core/event-contract';
import {
  actorId,
  multiLineText,
  nullable,
  oneOf,
  sha256Digest,
  singleLineText,
  utcInstant,
  uuid,
} from '../core/field-schemas';
import { notPersonal, personal } from '../core/personal-data';
import { ASSIGNMENT_KINDS, RECOMMENDATIONS } from './assessment-vocabulary';
import { assessmentReason, assessmentText, CriterionRating } from './feedback-contracts';
import { StampedRubric } from './rubric-contracts';

const OWNER = 'assessment';

const assignmentKey = { candidateId: uuid(), assignmentId: uuid() };

export const assessmentAssignedContract = eventContract({
  type: 'AssessmentAssigned',
  owner: OWNER,
  description:
    'A take-home assessment or work sample was assigned to the candidate, with instructions, a due time, its reviewers and the rubric version they score against.',
  schemaVersion: 1,
  data: {
    ...assignmentKey,
    kind: oneOf(ASSIGNMENT_KINDS),
    // The exercise as the organization wrote it, the same for every candidate.
    title: notPersonal(singleLineText(200, { examples: ['Rate limiter exercise'] })),
    instructions: notPersonal(multiLineText(20_000)),
    dueAt: utcInstant(),
    reviewerIds: Type.Array(actorId(), { minItems: 1, maxItems: 12, uniqueItems: true }),
    rubric: StampedRubric,
  },
});

export const assessmentDueExtendedContract = eventContract({
  type: 'AssessmentDueExtended',
  owner: OWNER,
  description: "An assignment's due time was moved later, with a reason.",
  schemaVersion: 1,
  data: { ...assignmentKey, dueAt: utcInstant(), reason: assessmentReason() },
});

export const assessmentSubmittedContract = eventContract({
  type: 'AssessmentSubmitted',
  owner: OWNER,
  description:
    'The candidate submitted their work: a link or a reference to stored content with its SHA-256; marked late when after the due time.',
  schemaVersion: 1,
  data: {
    ...assignmentKey,
    // The candidate's own link (a repository under their name).
    reference: personal(
      singleLineText(2_000, { description: 'A link (https://…) or a reference to stored content' }),
    ),
    sha256: sha256Digest(),
    late: Type.Boolean(),
  },
});

export const assessmentScoredContract = eventContract({
  type: 'AssessmentScored',
  owner: OWNER,
  description:
    "A reviewer scored the submitted work against the assignment's rubric version; once per reviewer.",
  schemaVersion: 1,
  data: {
    ...assignmentKey,
    reviewerId: actorId(),
    ratings: Type.Array(CriterionRating, { maxItems: 30 }),
    strengths: assessmentText(),
    concerns: assessmentText(),
    notes: nullable(assessmentText()),
    recommendation: oneOf(RECOMMENDATIONS),
  },
});

export const assignmentEventContracts = [
  assessmentAssignedContract,
  assessmentDueExtendedContract,
  assessmentSubmittedContract,
  assessmentScoredContract,
] as const;
export type AssignmentEvent = EventOf<(typeof assignmentEventContracts)[number]>;

export type AssessmentAssigned = EventOf<typeof assessmentAssignedContract>;
export type AssessmentDueExtended = EventOf<typeof assessmentDueExtendedContract>;
export type AssessmentSubmitted = EventOf<typeof assessmentSubmittedContract>;
export type AssessmentScored = EventOf<typeof assessmentScoredContract>;
