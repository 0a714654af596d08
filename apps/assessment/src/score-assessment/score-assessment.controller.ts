import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ASSIGNMENTS, type AssignmentGateway } from '../assignments/assignment-gateway';
import { REVIEWER_ROLES } from '../assignments/assignment-roles';
import { AssignmentParams } from '../assignments/assignment.params';
import { AssignmentViewFor, replyWithAssignment } from '../assignments/assignment.view';
import { ScoreAssessmentBody } from './score-assessment.dto';

@ApiTags('assignments')
@Controller('candidates')
export class ScoreAssessmentController {
  constructor(@Inject(ASSIGNMENTS) private readonly assignments: AssignmentGateway) {}

  @CommandRoute({
    path: ':id/assignments/:assignmentId/scores',
    operationId: 'scoreAssessment',
    summary:
      'A reviewer named on the assignment scores the submitted work against its rubric version, once (404 for anyone not named)',
    roles: REVIEWER_ROLES,
    revisioned: true,
    response: AssignmentViewFor,
    problems: [404, 409],
  })
  async score(
    @ValidParams(AssignmentParams) { id, assignmentId }: AssignmentParams,
    @ValidBody(ScoreAssessmentBody) body: ScoreAssessmentBody,
    @Caller() caller: CommandCaller,
  ): Promise<AssignmentViewFor> {
    const outcome = await this.assignments.handle(
      {
        type: 'ScoreAssessment',
        data: {
          candidateId: id,
          assignmentId,
          reviewerId: caller.principal.subject,
          ratings: body.ratings,
          strengths: body.strengths,
          concerns: body.concerns,
          notes: body.notes ?? null,
          recommendation: body.recommendation,
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithAssignment(caller.reply, outcome, id, assignmentId, caller.principal);
  }
}
