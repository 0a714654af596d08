import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import type { AssignmentCommand } from '../domain/assignment.commands';
import { assignmentAggregate, type AssignmentStreamEvent } from '../domain/assignment.decider';
import type { CandidateAssignments } from '../domain/assignment.state';

/** The token the take-home assignments' command gateway is injected by. */
export const ASSIGNMENTS = Symbol('ASSIGNMENTS');

/** Assignment commands on a candidate's stream. */
export type AssignmentGateway = CommandGateway<
  CandidateAssignments,
  AssignmentCommand,
  AssignmentStreamEvent
>;

export const assignmentGatewayProvider = provideCommandGateway(ASSIGNMENTS, assignmentAggregate);
