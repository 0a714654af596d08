import {
  AggregateNotFoundError,
  CANDIDACY_EVENT_TYPES,
  candidateStreamName,
  CommandRejectedError,
  evolveCandidacy,
  openCandidacy,
  type AssignmentEvent,
  type CandidateEvent,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import type {
  AssignAssessment,
  AssignmentCommand,
  ExtendAssessmentDue,
  ScoreAssessment,
  SubmitAssessment,
} from './assignment.commands';
import {
  ASSIGNMENT_EVENT_TYPES,
  type Assignment,
  type CandidateAssignments,
} from './assignment.state';
import { checkRatings } from './rubric-ratings';

/** Everything in a candidate's stream this decider reads: the candidacy and the assignments. */
export type AssignmentStreamEvent = CandidateEvent | AssignmentEvent;

function instantOf(instant: string, what: string): number {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) {
    throw new CommandRejectedError('invalid-instant', `${what} needs an ISO-8601 instant`);
  }
  return at;
}

/** A due time is always ahead of the moment it is set. */
function checkDueInFuture(dueAt: string, now: string, what: string): void {
  if (instantOf(dueAt, what) <= instantOf(now, 'now')) {
    throw new CommandRejectedError(
      'in-the-past',
      `${what} must be due in the future (${dueAt} is not after ${now})`,
    );
  }
}

function existingAssignment(state: CandidateAssignments, assignmentId: string): Assignment {
  const assignment = state.assignments.get(assignmentId);
  if (assignment === undefined) {
    throw new AggregateNotFoundError(`assignment ${assignmentId} does not exist`);
  }
  return assignment;
}

function checkNotSubmitted(assignment: Assignment, action: string): void {
  if (assignment.submission !== null) {
    throw new CommandRejectedError(
      'assessment-already-submitted',
      `assignment ${assignment.assignmentId} is already submitted; it cannot be ${action}`,
    );
  }
}

function assign(command: AssignAssessment, state: CandidateAssignments): AssignmentEvent {
  const { now, rubricId, rubric, ...assigned } = command.data;
  openCandidacy(state.candidate, assigned.candidateId);
  if (state.assignments.has(assigned.assignmentId)) {
    throw new CommandRejectedError(
      'assignment-already-assigned',
      `assignment ${assigned.assignmentId} is already assigned`,
    );
  }
  if (rubric === null) {
    throw new CommandRejectedError('unknown-rubric', `rubric ${rubricId} was never published`);
  }
  checkDueInFuture(assigned.dueAt, now, `assignment ${assigned.assignmentId}`);
  return { type: 'AssessmentAssigned', data: { ...assigned, rubric } };
}

function extend(command: ExtendAssessmentDue, state: CandidateAssignments): AssignmentEvent {
  const { now, ...extended } = command.data;
  openCandidacy(state.candidate, extended.candidateId);
  const assignment = existingAssignment(state, extended.assignmentId);
  checkNotSubmitted(assignment, 'extended');
  const what = `assignment ${assignment.assignmentId}`;
  if (instantOf(extended.dueAt, what) <= instantOf(assignment.dueAt, what)) {
    throw new CommandRejectedError(
      'due-not-later',
      `${what} is due at ${assignment.dueAt}; an extension moves it later, not to ${extended.dueAt}`,
    );
  }
  checkDueInFuture(extended.dueAt, now, what);
  return { type: 'AssessmentDueExtended', data: extended };
}

/** Late work is accepted and marked late: the reviewers and the hiring manager weigh it. */
function submit(command: SubmitAssessment, state: CandidateAssignments): AssignmentEvent {
  const { now, ...submitted } = command.data;
  openCandidacy(state.candidate, submitted.candidateId);
  const assignment = existingAssignment(state, submitted.assignmentId);
  checkNotSubmitted(assignment, 'submitted again');
  const late = instantOf(now, 'now') > instantOf(assignment.dueAt, 'the due time');
  return { type: 'AssessmentSubmitted', data: { ...submitted, late } };
}

/**
 * Only a reviewer named on the assignment scores it; to anyone else it is as
 * if it did not exist (as an interview is to an interviewer not on its panel).
 */
function score(command: ScoreAssessment, state: CandidateAssignments): AssignmentEvent {
  const { candidateId, assignmentId, reviewerId, ratings } = command.data;
  openCandidacy(state.candidate, candidateId);
  const assignment = existingAssignment(state, assignmentId);
  if (!assignment.reviewerIds.includes(reviewerId)) {
    throw new AggregateNotFoundError(`assignment ${assignmentId} does not exist`);
  }
  if (assignment.submission === null) {
    throw new CommandRejectedError(
      'assessment-not-submitted',
      `assignment ${assignmentId} is not submitted yet; there is nothing to score`,
    );
  }
  if (assignment.scores.some((given) => given.reviewerId === reviewerId)) {
    throw new CommandRejectedError(
      'assessment-already-scored',
      `${reviewerId} has already scored assignment ${assignmentId}`,
    );
  }
  checkRatings(assignment.rubric, ratings, `the score of assignment ${assignmentId}`);
  return { type: 'AssessmentScored', data: command.data };
}

function decide(command: AssignmentCommand, state: CandidateAssignments): AssignmentEvent {
  switch (command.type) {
    case 'AssignAssessment':
      return assign(command, state);
    case 'ExtendAssessmentDue':
      return extend(command, state);
    case 'SubmitAssessment':
      return submit(command, state);
    case 'ScoreAssessment':
      return score(command, state);
    default:
      return assertNever(command);
  }
}

function withAssignment(
  state: CandidateAssignments,
  assignmentId: string,
  change: (assignment: Assignment) => Assignment,
): CandidateAssignments {
  const assignment = state.assignments.get(assignmentId);
  if (assignment === undefined) return state;
  return {
    ...state,
    assignments: new Map(state.assignments).set(assignmentId, change(assignment)),
  };
}

function evolve(state: CandidateAssignments, event: AssignmentStreamEvent): CandidateAssignments {
  switch (event.type) {
    case 'CandidateRegistered':
    case 'ScreeningRecorded':
    case 'CandidateStageChanged':
    case 'CandidateRejected':
    case 'CandidateWithdrew':
    case 'CandidateHired':
      return { ...state, candidate: evolveCandidacy(state.candidate, event) };
    case 'AssessmentAssigned': {
      const { candidateId: _candidateId, ...assigned } = event.data;
      const assignment: Assignment = { ...assigned, extensions: [], submission: null, scores: [] };
      return {
        ...state,
        assignments: new Map(state.assignments).set(assigned.assignmentId, assignment),
      };
    }
    case 'AssessmentDueExtended': {
      const { dueAt, reason } = event.data;
      return withAssignment(state, event.data.assignmentId, (a) => ({
        ...a,
        dueAt,
        extensions: [...a.extensions, { dueAt, reason }],
      }));
    }
    case 'AssessmentSubmitted': {
      const { reference, sha256, late } = event.data;
      return withAssignment(state, event.data.assignmentId, (a) => ({
        ...a,
        submission: { reference, sha256, late },
      }));
    }
    case 'AssessmentScored': {
      const { candidateId: _candidateId, assignmentId, ...scored } = event.data;
      return withAssignment(state, assignmentId, (a) => ({ ...a, scores: [...a.scores, scored] }));
    }
    default:
      return assertNever(event);
  }
}

const initialState = (): CandidateAssignments => ({ candidate: null, assignments: new Map() });

type StoredAssignments = Readonly<{
  candidate: CandidateAssignments['candidate'];
  assignments: Assignment[];
}>;

/** A candidate's assignments as JSON and back (snapshots). */
const candidateAssignmentsJson = {
  serialize: ({ candidate, assignments }: CandidateAssignments): StoredAssignments => ({
    candidate,
    assignments: [...assignments.values()],
  }),
  deserialize: (stored: unknown): CandidateAssignments => {
    const { candidate, assignments } = (stored ?? {}) as Partial<StoredAssignments>;
    if (
      candidate === undefined ||
      !Array.isArray(assignments) ||
      !assignments.every((a) => typeof a?.assignmentId === 'string' && Array.isArray(a.scores))
    ) {
      throw new Error('not the assignments of a candidate');
    }
    return { candidate, assignments: new Map(assignments.map((a) => [a.assignmentId, a])) };
  },
};

export const assignmentDecider: Decider<
  CandidateAssignments,
  AssignmentCommand,
  AssignmentStreamEvent
> = {
  decide,
  evolve,
  initialState,
  eventTypes: new Set([...CANDIDACY_EVENT_TYPES, ...Object.keys(ASSIGNMENT_EVENT_TYPES)]),
  // Every service appends to the candidate's stream, and every assignment command and read loads it.
  snapshots: {
    name: 'assessment-assignments',
    // Bump whenever `CandidateAssignments`, `evolve` or `eventTypes` change: older snapshots are then ignored.
    version: 1,
    every: 50,
    ...candidateAssignmentsJson,
  },
};

/** A candidate's stream, as the assessment service decides on its take-home assignments. */
export const assignmentAggregate: Aggregate<
  CandidateAssignments,
  AssignmentCommand,
  AssignmentStreamEvent
> = {
  name: 'candidate-assignments',
  decider: assignmentDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};
