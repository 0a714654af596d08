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
import type { RescheduleInterview } from '../domain/interview.commands';
import { commandContextOf } from '../common/command-context';
import { INTERVIEW_SCHEDULERS } from '../common/scheduling-roles';
import { InterviewCommandService } from '../common/interview-command.service';
import { InterviewParams } from '../common/interview.params';
import { interviewIn, replyWithInterview, type InterviewView } from '../common/interview.view';
import { InterviewerCalendars } from '../common/interviewer-calendars.service';
import { RescheduleInterviewDto } from './reschedule-interview.dto';

@ApiTags('interviews')
@Controller('candidates')
export class RescheduleInterviewController {
  constructor(
    private readonly interviews: InterviewCommandService,
    private readonly calendars: InterviewerCalendars,
  ) {}

  @IdempotentPost(':id/interviews/:interviewId/reschedule')
  @Roles(...INTERVIEW_SCHEDULERS)
  @ApiOperation({
    summary: "Move the interview to a new time, moving its panel's calendar reservations with it",
  })
  async reschedule(
    @Param() { id, interviewId }: InterviewParams,
    @Body() body: RescheduleInterviewDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewView> {
    const now = new Date().toISOString();
    const { startsAt, endsAt, reason } = body;
    const command: RescheduleInterview = {
      type: 'RescheduleInterview',
      data: { candidateId: id, interviewId, startsAt, endsAt, reason, now },
    };
    const checked = await this.interviews.checkLoaded(command, expectedRevision);
    const current = interviewIn(checked.state, interviewId);
    const context = commandContextOf(principal);
    const outcome = await this.calendars.holdWhile(
      current.panel.map((member) => member.interviewerId),
      { candidateId: id, interviewId, startsAt, endsAt, now, override: body.override ?? null },
      { startsAt: current.startsAt, endsAt: current.endsAt },
      context,
      () => this.interviews.execute(command, context, expectedRevision, checked),
    );
    return replyWithInterview(reply, outcome, id, interviewId);
  }
}
