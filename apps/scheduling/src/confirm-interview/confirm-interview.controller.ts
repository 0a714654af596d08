import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InterviewParams } from '../interviews/interview.params';
import { InterviewViewFor, replyWithInterview } from '../interviews/interview.view';
import { INTERVIEW_SCHEDULERS } from '../interviews/scheduling-roles';
import { INTERVIEWS, type InterviewGateway } from '../scheduling-gateways';

@ApiTags('interviews')
@Controller('candidates')
export class ConfirmInterviewController {
  constructor(@Inject(INTERVIEWS) private readonly interviews: InterviewGateway) {}

  @CommandRoute({
    path: ':id/interviews/:interviewId/confirmation',
    operationId: 'confirmInterview',
    summary: 'The candidate confirms they will attend at the current time',
    roles: ['candidate', ...INTERVIEW_SCHEDULERS],
    candidateScope: 'id',
    revisioned: true,
    response: InterviewViewFor,
    problems: [404, 409],
  })
  async confirm(
    @ValidParams(InterviewParams) { id, interviewId }: InterviewParams,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewViewFor> {
    const outcome = await this.interviews.handle(
      { type: 'ConfirmInterview', data: { candidateId: id, interviewId } },
      caller.context,
      caller.options,
    );
    return replyWithInterview(caller.reply, outcome, id, interviewId, caller.principal);
  }
}
