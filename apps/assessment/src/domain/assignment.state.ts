import type {
  AssignmentEvent,
  AssignmentKind,
  Candidacy,
  CriterionRating,
  Recommendation,
  StampedRubric,
} from '@hirestream/contracts';

/** A due time moved later, with why. */
export type DueExtension = Readonly<{ dueAt: string; reason: string }>;

export type Submission = Readonly<{ reference: string; sha256: string; late: boolean }>;

/** One reviewer's score of the submitted work, against the assignment's rubric version. */
export type AssignmentScore = Readonly<{
  reviewerId: string;
  ratings: readonly CriterionRating[];
  strengths: string;
  concerns: string;
  notes: string | null;
  recommendation: Recommendation;
}>;

export type Assignment = Readonly<{
  assignmentId: string;
  kind: AssignmentKind;
  title: string;
  instructions: string;
  /** The current due time: as assigned, or as last extended. */
  dueAt: string;
  reviewerIds: readonly string[];
  rubric: StampedRubric;
  extensions: readonly DueExtension[];
  submission: Submission | null;
  /** In the order they were given. */
  scores: readonly AssignmentScore[];
}>;

/** The take-home view of a candidate's stream: the candidacy and its assignments, in assignment order. */
export type CandidateAssignments = Readonly<{
  candidate: Candidacy | null;
  assignments: ReadonlyMap<string, Assignment>;
}>;

/** Keyed by the union, so a new assignment event cannot be left out. */
export const ASSIGNMENT_EVENT_TYPES: Readonly<Record<AssignmentEvent['type'], true>> = {
  AssessmentAssigned: true,
  AssessmentDueExtended: true,
  AssessmentSubmitted: true,
  AssessmentScored: true,
};
