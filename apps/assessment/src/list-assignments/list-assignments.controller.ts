import { candidateStreamName } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { entityTagOf, QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ASSIGNMENTS, type AssignmentGateway } from '../assignments/assignment-gateway';
import { ASSIGNMENT_READERS } from '../assignments/assignment-roles';
import { CandidateParams } from '../feedback/feedback.params';
import { AssignmentList, assignmentsOf, assignmentViewFor } from '../assignments/assignment.view';

/** Reads from the candidate's stream (exact, and the gateway keeps recently read states). */
@ApiTags('assignments')
@Controller('candidates')
export class ListAssignmentsController {
  constructor(@Inject(ASSIGNMENTS) private readonly assignments: AssignmentGateway) {}

  @QueryRoute({
    path: ':id/assignments',
    operationId: 'listAssignments',
    summary:
      "The candidate's take-home assignments in the order given; the candidate sees their own, without reviewers or scores",
    roles: [...ASSIGNMENT_READERS, 'candidate'],
    candidateScope: 'id',
    revisioned: true,
    response: AssignmentList,
    problems: [404],
  })
  async list(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @Caller() caller: CommandCaller,
  ): Promise<AssignmentList> {
    const read = await this.assignments.load(candidateStreamName(id));
    const assignments = [...assignmentsOf(read, id).values()].map((assignment) =>
      assignmentViewFor(id, assignment, caller.principal),
    );
    if (read.revision !== undefined) caller.reply.header('etag', entityTagOf(read.revision));
    return { assignments };
  }
}
