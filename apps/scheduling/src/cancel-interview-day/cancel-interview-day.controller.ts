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
import { replyWithInterviewDay, type InterviewDayView } from '../common/interview-day.view';
import { InterviewerCalendars } from '../common/interviewer-calendars.service';
import { InterviewDayParams } from '../interview-day-agenda/interview-day.params';

@ApiTags('interviews')
@Controller('candidates')
export class CancelInterviewDayController {
  constructor(
    private readonly interviews: InterviewCommandService,
    private readonly calendars: InterviewerCalendars,
  ) {}

  @IdempotentPost(':id/interview-days/:dayId/cancellation')
  @Roles(...INTERVIEW_SCHEDULERS)
  @ApiOperation({
    summary: "Cancel every open session of the interview day and free their panels' calendars",
  })
  async cancel(
    @Param() { id, dayId }: InterviewDayParams,
    @Body() { reason }: ReasonDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewDayView> {
    const context = commandContextOf(principal);
    const outcome = await this.interviews.execute(
      { type: 'CancelInterviewDay', data: { candidateId: id, dayId, reason } },
      context,
      expectedRevision,
    );
    const day = replyWithInterviewDay(reply, outcome, id, dayId);
    // Freed only once the cancellations are recorded; releasing a slot not held changes nothing.
    for (const session of day.sessions) {
      if (session.status !== 'cancelled') continue;
      await this.calendars.release(
        session.panel.map((member) => member.interviewerId),
        session.interviewId,
        reason,
        context,
      );
    }
    return day;
  }
}
