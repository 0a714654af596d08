import {
  type ActingPrincipal,
  CurrentPrincipal,
  ExpectedRevision,
  IdempotentPost,
  Roles,
} from '@hirestream/platform';
import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ReasonDto } from '../common/booking.dto';
import { commandContextOf } from '../common/command-context';
import { INTERVIEW_SCHEDULERS } from '../common/scheduling-roles';
import { InterviewCommandService } from '../common/interview-command.service';
import { InterviewParams } from '../common/interview.params';
import { interviewIn, replyWithInterview, type InterviewView } from '../common/interview.view';
import { InterviewerCalendars } from '../common/interviewer-calendars.service';

@ApiTags('interviews')
@Controller('candidates')
export class CancelInterviewController {
  constructor(
    private readonly interviews: InterviewCommandService,
    private readonly calendars: InterviewerCalendars,
  ) {}

  @IdempotentPost(':id/interviews/:interviewId/cancellation')
  @Roles(...INTERVIEW_SCHEDULERS)
  @ApiOperation({ summary: "Cancel the interview and free its panel's calendars" })
  async cancel(
    @Param() { id, interviewId }: InterviewParams,
    @Body() { reason }: ReasonDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewView> {
    const context = commandContextOf(principal);
    const outcome = await this.interviews.execute(
      { type: 'CancelInterview', data: { candidateId: id, interviewId, reason } },
      context,
      expectedRevision,
    );
    // Freed only once the cancellation is recorded: until then the time stays taken.
    await this.calendars.release(
      interviewIn(outcome.state, interviewId).panel.map((member) => member.interviewerId),
      interviewId,
      reason,
      context,
    );
    return replyWithInterview(reply, outcome, id, interviewId);
  }
}
