import {
  CandidateScope,
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
export class ConfirmInterviewController {
  constructor(private readonly interviews: InterviewCommandService) {}

  @Post(':id/interviews/:interviewId/confirmation')
  @HttpCode(200)
  @Roles('candidate', 'recruiter', 'coordinator', 'admin')
  @CandidateScope('id')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'The candidate confirms they will attend at the current time' })
  async confirm(
    @Param() { id, interviewId }: InterviewParams,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewView> {
    const outcome = await this.interviews.execute(
      { type: 'ConfirmInterview', data: { candidateId: id, interviewId } },
      commandContextOf(principal),
      revisionFromIfMatch(ifMatch),
    );
    return replyWithInterview(reply, outcome, id, interviewId);
  }
}
