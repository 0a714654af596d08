import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ASSIGNMENTS, type AssignmentGateway } from '../assignments/assignment-gateway';
import { DUE_TIME_KEEPERS } from '../assignments/assignment-roles';
import { AssignmentParams } from '../assignments/assignment.params';
import { AssignmentViewFor, replyWithAssignment } from '../assignments/assignment.view';
import { ExtendAssessmentBody } from './extend-assessment.dto';

@ApiTags('assignments')
@Controller('candidates')
export class ExtendAssessmentController {
  constructor(@Inject(ASSIGNMENTS) private readonly assignments: AssignmentGateway) {}

  @CommandRoute({
    path: ':id/assignments/:assignmentId/extension',
    operationId: 'extendAssessment',
    summary: 'Move the due time of work not yet submitted later, with a reason',
    roles: DUE_TIME_KEEPERS,
    revisioned: true,
    response: AssignmentViewFor,
    problems: [404, 409],
  })
  async extend(
    @ValidParams(AssignmentParams) { id, assignmentId }: AssignmentParams,
    @ValidBody(ExtendAssessmentBody) body: ExtendAssessmentBody,
    @Caller() caller: CommandCaller,
  ): Promise<AssignmentViewFor> {
    const outcome = await this.assignments.handle(
      {
        type: 'ExtendAssessmentDue',
        data: {
          candidateId: id,
          assignmentId,
          dueAt: body.dueAt,
          reason: body.reason,
          now: new Date().toISOString(),
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithAssignment(caller.reply, outcome, id, assignmentId, caller.principal);
  }
}
