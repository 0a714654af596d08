import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ASSIGNMENTS, type AssignmentGateway } from '../assignments/assignment-gateway';
import { ASSIGNERS } from '../assignments/assignment-roles';
import { CandidateParams } from '../feedback/feedback.params';
import { AssignmentViewFor, replyWithAssignment } from '../assignments/assignment.view';
import { INTERVIEW_GUIDES, type InterviewGuides } from '../interview-guides/interview-guides';
import { AssignAssessmentBody } from './assign-assessment.dto';

@ApiTags('assignments')
@Controller('candidates')
export class AssignAssessmentController {
  constructor(
    @Inject(ASSIGNMENTS) private readonly assignments: AssignmentGateway,
    @Inject(INTERVIEW_GUIDES) private readonly guides: InterviewGuides,
  ) {}

  @CommandRoute({
    path: ':id/assignments',
    operationId: 'assignAssessment',
    summary:
      "Assign a take-home assessment or work sample: instructions, due time, reviewers, and the rubric's current version",
    roles: ASSIGNERS,
    creates: true,
    revisioned: true,
    response: AssignmentViewFor,
    problems: [404, 409],
  })
  async assign(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @ValidBody(AssignAssessmentBody) body: AssignAssessmentBody,
    @Caller() caller: CommandCaller,
  ): Promise<AssignmentViewFor> {
    const assignmentId = randomUUID();
    const outcome = await this.assignments.handle(
      {
        type: 'AssignAssessment',
        data: {
          candidateId: id,
          assignmentId,
          kind: body.kind,
          title: body.title,
          instructions: body.instructions,
          dueAt: body.dueAt,
          reviewerIds: body.reviewerIds,
          rubricId: body.rubricId,
          rubric: await this.guides.currentRubric(body.rubricId),
          now: new Date().toISOString(),
        },
      },
      caller.context,
      caller.options,
    );
    caller.reply.header('location', `/candidates/${id}/assignments/${assignmentId}`);
    return replyWithAssignment(caller.reply, outcome, id, assignmentId, caller.principal);
  }
}
