import { candidateStreamName } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ASSIGNMENTS, type AssignmentGateway } from '../assignments/assignment-gateway';
import { ASSIGNMENT_READERS } from '../assignments/assignment-roles';
import { AssignmentParams } from '../assignments/assignment.params';
import { AssignmentViewFor, replyWithAssignment } from '../assignments/assignment.view';

/** Reads from the candidate's stream (exact, and the gateway keeps recently read states). */
@ApiTags('assignments')
@Controller('candidates')
export class GetAssignmentController {
  constructor(@Inject(ASSIGNMENTS) private readonly assignments: AssignmentGateway) {}

  @QueryRoute({
    path: ':id/assignments/:assignmentId',
    operationId: 'getAssignment',
    summary:
      'One assignment: staff read every score, a reviewer their own (404 for an assignment they do not review), the candidate their own without scores',
    roles: [...ASSIGNMENT_READERS, 'candidate', 'interviewer'],
    candidateScope: 'id',
    revisioned: true,
    response: AssignmentViewFor,
    problems: [404],
  })
  async get(
    @ValidParams(AssignmentParams) { id, assignmentId }: AssignmentParams,
    @Caller() caller: CommandCaller,
  ): Promise<AssignmentViewFor> {
    const read = await this.assignments.load(candidateStreamName(id));
    return replyWithAssignment(caller.reply, read, id, assignmentId, caller.principal);
  }
}
