import {
  CurrentPrincipal,
  IdempotencyInterceptor,
  revisionFromIfMatch,
  Roles,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller, Headers, HttpCode, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { commandContextOf } from '../common/command-context';
import { InterviewCommandService } from '../common/interview-command.service';
import { InterviewParams } from '../common/interview.params';
import { replyWithInterview, type InterviewView } from '../common/interview.view';

@ApiTags('interviews')
@Controller('candidates')
export class CompleteInterviewController {
  constructor(private readonly interviews: InterviewCommandService) {}

  @Post(':id/interviews/:interviewId/completion')
  @HttpCode(200)
  @Roles('recruiter', 'coordinator', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'Mark the interview as having taken place; feedback is now due' })
  async complete(
    @Param() { id, interviewId }: InterviewParams,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewView> {
    const outcome = await this.interviews.execute(
      {
        type: 'CompleteInterview',
        data: { candidateId: id, interviewId, now: new Date().toISOString() },
      },
      commandContextOf(principal),
      revisionFromIfMatch(ifMatch),
    );
    return replyWithInterview(reply, outcome, id, interviewId);
  }
}
