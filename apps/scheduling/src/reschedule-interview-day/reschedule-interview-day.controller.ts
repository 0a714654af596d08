import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CalendarHoldRunner } from '../calendar-hold/calendar-hold.runner';
import { InterviewDayView, replyWithInterviewDay } from '../interviews/interview-day.view';
import { InterviewDayParams } from '../interviews/interview.params';
import { INTERVIEW_SCHEDULERS } from '../interviews/scheduling-roles';
import { RescheduleInterviewDayBody } from './reschedule-interview-day.dto';

@ApiTags('interviews')
@Controller('candidates')
export class RescheduleInterviewDayController {
  constructor(private readonly calendarHold: CalendarHoldRunner) {}

  @CommandRoute({
    path: ':id/interview-days/:dayId/reschedule',
    operationId: 'rescheduleInterviewDay',
    summary:
      "Move the whole interview day to a new start: every open session and break keeps its spacing, and every panel's reservations move with it",
    roles: INTERVIEW_SCHEDULERS,
    revisioned: true,
    response: InterviewDayView,
    problems: [404, 409],
  })
  async reschedule(
    @ValidParams(InterviewDayParams) { id, dayId }: InterviewDayParams,
    @ValidBody(RescheduleInterviewDayBody) body: RescheduleInterviewDayBody,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewDayView> {
    const outcome = await this.calendarHold.run(
      {
        type: 'RescheduleInterviewDay',
        data: {
          candidateId: id,
          dayId,
          startsAt: body.startsAt,
          reason: body.reason,
          now: new Date().toISOString(),
          override: body.override ?? null,
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithInterviewDay(caller.reply, outcome, id, dayId, caller.principal);
  }
}
