import { AggregateNotFoundError } from '@hirestream/event-sourcing';
import { CandidateScope, Roles } from '@hirestream/platform';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CandidateIdParams } from '../common/candidate-id.params';
import { replyWithInterviews, type InterviewView } from '../common/interview.view';
import { STAFF_READERS } from '../common/scheduling-roles';
import {
  InterviewsProjectionSubscription,
  OWN_WRITES_TIMEOUT_MS,
} from '../interviews-projection/interviews-projection.subscription';

@ApiTags('interviews')
@Controller('candidates')
export class ListInterviewsController {
  constructor(private readonly interviews: InterviewsProjectionSubscription) {}

  @Get(':id/interviews')
  @Roles(...STAFF_READERS, 'candidate')
  @CandidateScope('id')
  @ApiOperation({
    summary:
      "The candidate's interviews, earliest first, from a projection that includes this service's own writes; ETag is the candidate stream's revision it reflects",
  })
  async list(
    @Param() { id }: CandidateIdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ interviews: InterviewView[] }> {
    const { projection } = this.interviews;
    await projection.afterOwnWrites(OWN_WRITES_TIMEOUT_MS, id);
    const read = projection.candidate(id);
    if (read === undefined) throw new AggregateNotFoundError(`candidate ${id} does not exist`);
    return replyWithInterviews(reply, read, id);
  }
}
