import {
  AggregateNotFoundError,
  assessmentAssignedContract,
  assessmentDueExtendedContract,
  assessmentScoredContract,
  assessmentSubmittedContract,
  nullable,
  utcInstant,
  type DeepReadonly,
} from '@hirestream/contracts';
import { entityTagOf, type ActingPrincipal } from '@hirestream/platform';
import { Type, type Static } from '@sinclair/typebox';
import type { Assignment, CandidateAssignments } from '../domain/assignment.state';

const assigned = assessmentAssignedContract.schema.properties;
const submitted = assessmentSubmittedContract.schema.properties;
const scored = assessmentScoredContract.schema.properties;

const Submission = Type.Object(
  { reference: submitted.reference, sha256: submitted.sha256, late: submitted.late },
  { additionalProperties: false },
);

/** What is asked of the candidate, and by when: everyone who reads an assignment sees it. */
const whatAndWhen = {
  candidateId: assigned.candidateId,
  assignmentId: assigned.assignmentId,
  kind: assigned.kind,
  title: assigned.title,
  instructions: assigned.instructions,
  dueAt: utcInstant({ description: 'The current due time' }),
};

/** An assignment as staff read it: everything the stream says, every score included. */
export const AssignmentView = Type.Object(
  {
    ...whatAndWhen,
    reviewerIds: assigned.reviewerIds,
    rubric: assigned.rubric,
    extensions: Type.Array(
      Type.Object(
        {
          dueAt: assessmentDueExtendedContract.schema.properties.dueAt,
          reason: assessmentDueExtendedContract.schema.properties.reason,
        },
        { additionalProperties: false },
      ),
      { description: 'Each move of the due time, oldest first' },
    ),
    submission: nullable(Submission),
    scores: Type.Array(
      Type.Object(
        {
          reviewerId: scored.reviewerId,
          ratings: scored.ratings,
          strengths: scored.strengths,
          concerns: scored.concerns,
          notes: scored.notes,
          recommendation: scored.recommendation,
        },
        { additionalProperties: false },
      ),
      { description: "A reviewer reads only their own; other staff every reviewer's" },
    ),
  },
  { title: 'Assignment', additionalProperties: false },
);
export type AssignmentView = DeepReadonly<Static<typeof AssignmentView>>;

/**
 * An assignment as the candidate sees it: what to do, by when, and whether
 * their work is in; never who reviews it, why the due time moved, or any score.
 */
export const CandidateAssignmentView = Type.Object(
  {
    ...whatAndWhen,
    submitted: Type.Boolean(),
    submission: nullable(Submission),
  },
  { title: 'CandidateAssignment', additionalProperties: false },
);
export type CandidateAssignmentView = DeepReadonly<Static<typeof CandidateAssignmentView>>;

export const AssignmentViewFor = Type.Union([AssignmentView, CandidateAssignmentView]);
export type AssignmentViewFor = AssignmentView | CandidateAssignmentView;

export const AssignmentList = Type.Object(
  { assignments: Type.Array(AssignmentViewFor) },
  { title: 'AssignmentList', additionalProperties: false },
);
export type AssignmentList = Readonly<{ assignments: AssignmentViewFor[] }>;

/** What `viewer` may see of an assignment: the candidate their own view, a reviewer their own score. */
export function assignmentViewFor(
  candidateId: string,
  assignment: Assignment,
  viewer: ActingPrincipal,
): AssignmentViewFor {
  const { assignmentId, kind, title, instructions, dueAt, submission } = assignment;
  if (viewer.actingRole === 'candidate') {
    return {
      candidateId,
      assignmentId,
      kind,
      title,
      instructions,
      dueAt,
      submitted: submission !== null,
      submission,
    };
  }
  const scores =
    viewer.actingRole === 'interviewer'
      ? assignment.scores.filter((score) => score.reviewerId === viewer.subject)
      : assignment.scores;
  return { candidateId, ...assignment, scores };
}

/** The candidate's assignments (or one command's outcome on them) at a revision of their stream. */
export type AssignmentsAt = Readonly<{
  state: CandidateAssignments;
  revision: bigint | undefined;
}>;

/** The candidate's assignments; 404 for a candidate never registered. */
export function assignmentsOf(
  { state, revision }: AssignmentsAt,
  candidateId: string,
): CandidateAssignments['assignments'] {
  if (state.candidate === null || revision === undefined) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  return state.assignments;
}

/** Answers with one assignment; the ETag is the candidate stream's revision, for the next If-Match. */
export function replyWithAssignment(
  reply: { header(name: string, value: string): unknown },
  read: AssignmentsAt,
  candidateId: string,
  assignmentId: string,
  viewer: ActingPrincipal,
): AssignmentViewFor {
  const assignment = assignmentsOf(read, candidateId).get(assignmentId);
  // An interviewer learns nothing of assignments they do not review, not even that they exist.
  const hidden =
    viewer.actingRole === 'interviewer' && !assignment?.reviewerIds.includes(viewer.subject);
  if (assignment === undefined || hidden) {
    throw new AggregateNotFoundError(`assignment ${assignmentId} does not exist`);
  }
  if (read.revision !== undefined) reply.header('etag', entityTagOf(read.revision));
  return assignmentViewFor(candidateId, assignment, viewer);
}
