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
import type { RescheduleInterviewDay } from '../domain/interview.commands';
import { commandContextOf } from '../common/command-context';
import { INTERVIEW_SCHEDULERS } from '../common/scheduling-roles';
import { InterviewCommandService } from '../common/interview-command.service';
import { replyWithInterviewDay, type InterviewDayView } from '../common/interview-day.view';
import { interviewIn } from '../common/interview.view';
import { InterviewerCalendars, type PanelHold } from '../common/interviewer-calendars.service';
import { InterviewDayParams } from '../interview-day-agenda/interview-day.params';
import { RescheduleInterviewDayDto } from './reschedule-interview-day.dto';

@ApiTags('interviews')
@Controller('candidates')
export class RescheduleInterviewDayController {
  constructor(
    private readonly interviews: InterviewCommandService,
    private readonly calendars: InterviewerCalendars,
  ) {}

  @IdempotentPost(':id/interview-days/:dayId/reschedule')
  @Roles(...INTERVIEW_SCHEDULERS)
  @ApiOperation({
    summary:
      "Move the whole interview day to a new start: every open session and break keeps its spacing, and every panel's reservations move with it",
  })
  async reschedule(
    @Param() { id, dayId }: InterviewDayParams,
    @Body() body: RescheduleInterviewDayDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewDayView> {
    const now = new Date().toISOString();
    const command: RescheduleInterviewDay = {
      type: 'RescheduleInterviewDay',
      data: { candidateId: id, dayId, startsAt: body.startsAt, reason: body.reason, now },
    };
    const checked = await this.interviews.checkLoaded(command, expectedRevision);
    const { state } = checked;
    const override = body.override ?? null;
    // The decision names each session's new time, which its panel's calendars move to.
    const holds: PanelHold[] = checked.events.flatMap((event) =>
      event.type !== 'InterviewDayRescheduled'
        ? []
        : event.data.sessions.map(({ interviewId, startsAt, endsAt }) => {
            const session = interviewIn(state, interviewId);
            return {
              interviewerIds: session.panel.map((member) => member.interviewerId),
              booking: { candidateId: id, interviewId, startsAt, endsAt, now, override },
              previous: { startsAt: session.startsAt, endsAt: session.endsAt },
            };
          }),
    );
    const context = commandContextOf(principal);
    const outcome = await this.calendars.holdEachWhile(holds, context, () =>
      this.interviews.execute(command, context, expectedRevision, checked),
    );
    return replyWithInterviewDay(reply, outcome, id, dayId);
  }
}
