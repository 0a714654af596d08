import { CandidateScope, Roles } from '@hirestream/platform';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CandidateIdParams } from '../common/candidate-id.params';
import { InterviewCommandService } from '../common/interview-command.service';
import { replyWithInterviews, type InterviewView } from '../common/interview.view';

@ApiTags('interviews')
@Controller('candidates')
export class ListInterviewsController {
  constructor(private readonly interviews: InterviewCommandService) {}

  @Get(':id/interviews')
  @Roles('recruiter', 'coordinator', 'hiring-manager', 'auditor', 'admin', 'candidate')
  @CandidateScope('id')
  @ApiOperation({
    summary:
      "The candidate's interviews, earliest first, folded from the candidate's stream; ETag is its revision",
  })
  async list(
    @Param() { id }: CandidateIdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ interviews: InterviewView[] }> {
    return replyWithInterviews(reply, await this.interviews.load(id), id);
  }
}
