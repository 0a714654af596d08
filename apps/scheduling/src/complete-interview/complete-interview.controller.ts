import {
  type ActingPrincipal,
  CurrentPrincipal,
  ExpectedRevision,
  IdempotentPost,
  Roles,
} from '@hirestream/platform';
import { Controller, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { commandContextOf } from '../common/command-context';
import { INTERVIEW_SCHEDULERS } from '../common/scheduling-roles';
import { InterviewCommandService } from '../common/interview-command.service';
import { InterviewParams } from '../common/interview.params';
import { replyWithInterview, type InterviewView } from '../common/interview.view';

@ApiTags('interviews')
@Controller('candidates')
export class CompleteInterviewController {
  constructor(private readonly interviews: InterviewCommandService) {}

  @IdempotentPost(':id/interviews/:interviewId/completion')
  @Roles(...INTERVIEW_SCHEDULERS)
  @ApiOperation({ summary: 'Mark the interview as having taken place; feedback is now due' })
  async complete(
    @Param() { id, interviewId }: InterviewParams,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewView> {
    const outcome = await this.interviews.execute(
      {
        type: 'CompleteInterview',
        data: { candidateId: id, interviewId, now: new Date().toISOString() },
      },
      commandContextOf(principal),
      expectedRevision,
    );
    return replyWithInterview(reply, outcome, id, interviewId);
  }
}
