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
export class CompleteInterviewController {
  constructor(@Inject(INTERVIEWS) private readonly interviews: InterviewGateway) {}

  @CommandRoute({
    path: ':id/interviews/:interviewId/completion',
    operationId: 'completeInterview',
    summary: 'Mark the interview as having taken place; feedback is now due',
    roles: INTERVIEW_SCHEDULERS,
    revisioned: true,
    response: InterviewViewFor,
    problems: [404, 409],
  })
  async complete(
    @ValidParams(InterviewParams) { id, interviewId }: InterviewParams,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewViewFor> {
    const outcome = await this.interviews.handle(
      {
        type: 'CompleteInterview',
        data: { candidateId: id, interviewId, now: new Date().toISOString() },
      },
      caller.context,
      caller.options,
    );
    return replyWithInterview(caller.reply, outcome, id, interviewId, caller.principal);
  }
}
