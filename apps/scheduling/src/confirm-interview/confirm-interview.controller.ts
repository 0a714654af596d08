import {
  type ActingPrincipal,
  CandidateScope,
  CurrentPrincipal,
  ExpectedRevision,
  IdempotentPost,
  Roles,
} from '@hirestream/platform';
import { Controller, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { commandContextOf } from '../common/command-context';
import { InterviewCommandService } from '../common/interview-command.service';
import { InterviewParams } from '../common/interview.params';
import { replyWithInterview, type InterviewView } from '../common/interview.view';
import { INTERVIEW_SCHEDULERS } from '../common/scheduling-roles';

@ApiTags('interviews')
@Controller('candidates')
export class ConfirmInterviewController {
  constructor(private readonly interviews: InterviewCommandService) {}

  @IdempotentPost(':id/interviews/:interviewId/confirmation')
  @Roles('candidate', ...INTERVIEW_SCHEDULERS)
  @CandidateScope('id')
  @ApiOperation({ summary: 'The candidate confirms they will attend at the current time' })
  async confirm(
    @Param() { id, interviewId }: InterviewParams,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewView> {
    const outcome = await this.interviews.execute(
      { type: 'ConfirmInterview', data: { candidateId: id, interviewId } },
      commandContextOf(principal),
      expectedRevision,
    );
    return replyWithInterview(reply, outcome, id, interviewId);
  }
}
