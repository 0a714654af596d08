import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ASSIGNMENTS, type AssignmentGateway } from '../assignments/assignment-gateway';
import { AssignmentParams } from '../assignments/assignment.params';
import { AssignmentViewFor, replyWithAssignment } from '../assignments/assignment.view';
import { SubmitAssessmentBody, submissionReference } from './submit-assessment.dto';

@ApiTags('assignments')
@Controller('candidates')
export class SubmitAssessmentController {
  constructor(@Inject(ASSIGNMENTS) private readonly assignments: AssignmentGateway) {}

  @CommandRoute({
    path: ':id/assignments/:assignmentId/submission',
    operationId: 'submitAssessment',
    summary:
      'The candidate hands in their work: a link or a stored-content reference with its SHA-256; once, marked late after the due time',
    roles: ['candidate'],
    candidateScope: 'id',
    revisioned: true,
    response: AssignmentViewFor,
    problems: [404, 409],
  })
  async submit(
    @ValidParams(AssignmentParams) { id, assignmentId }: AssignmentParams,
    @ValidBody(SubmitAssessmentBody, submissionReference) body: SubmitAssessmentBody,
    @Caller() caller: CommandCaller,
  ): Promise<AssignmentViewFor> {
    const outcome = await this.assignments.handle(
      {
        type: 'SubmitAssessment',
        data: {
          candidateId: id,
          assignmentId,
          reference: body.reference,
          sha256: body.sha256,
          now: new Date().toISOString(),
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithAssignment(caller.reply, outcome, id, assignmentId, caller.principal);
  }
}
