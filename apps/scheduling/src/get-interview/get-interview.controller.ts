import { AggregateNotFoundError } from '@hirestream/event-sourcing';
import {
  CandidateScope,
  CurrentPrincipal,
  Roles,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller, ForbiddenException, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InterviewParams } from '../common/interview.params';
import { interviewIn, replyWithInterview, type InterviewView } from '../common/interview.view';
import { isStaffReader, STAFF_READERS } from '../common/scheduling-roles';
import {
  InterviewsProjectionSubscription,
  OWN_WRITES_TIMEOUT_MS,
} from '../interviews-projection/interviews-projection.subscription';

@ApiTags('interviews')
@Controller('candidates')
export class GetInterviewController {
  constructor(private readonly interviews: InterviewsProjectionSubscription) {}

  @Get(':id/interviews/:interviewId')
  @Roles(...STAFF_READERS, 'candidate', 'interviewer')
  @CandidateScope('id')
  @ApiOperation({
    summary:
      'One interview with its history, from a projection; interviewers read only the interviews they sit on',
  })
  async get(
    @Param() { id, interviewId }: InterviewParams,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewView> {
    const { projection } = this.interviews;
    await projection.afterOwnWrites(OWN_WRITES_TIMEOUT_MS, id);
    const read = projection.candidate(id);
    if (read === undefined) throw new AggregateNotFoundError(`candidate ${id} does not exist`);
    const { panel } = interviewIn(read.state, interviewId);
    const onPanel = panel.some((member) => member.interviewerId === principal.subject);
    if (principal.actingRole === 'interviewer' && !isStaffReader(principal) && !onPanel) {
      throw new ForbiddenException('An interviewer may only read the interviews they sit on');
    }
    return replyWithInterview(reply, read, id, interviewId);
  }
}
