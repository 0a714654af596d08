import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CalendarHoldRunner } from '../calendar-hold/calendar-hold.runner';
import { ReasonBody } from '../interviews/booking.dto';
import { InterviewDayView, replyWithInterviewDay } from '../interviews/interview-day.view';
import { InterviewDayParams } from '../interviews/interview.params';
import { INTERVIEW_SCHEDULERS } from '../interviews/scheduling-roles';

@ApiTags('interviews')
@Controller('candidates')
export class CancelInterviewDayController {
  constructor(private readonly calendarHold: CalendarHoldRunner) {}

  @CommandRoute({
    path: ':id/interview-days/:dayId/cancellation',
    operationId: 'cancelInterviewDay',
    summary: "Cancel every open session of the interview day and free their panels' calendars",
    roles: INTERVIEW_SCHEDULERS,
    revisioned: true,
    response: InterviewDayView,
    problems: [404, 409],
  })
  async cancel(
    @ValidParams(InterviewDayParams) { id, dayId }: InterviewDayParams,
    @ValidBody(ReasonBody) { reason }: ReasonBody,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewDayView> {
    const outcome = await this.calendarHold.run(
      { type: 'CancelInterviewDay', data: { candidateId: id, dayId, reason } },
      caller.context,
      caller.options,
    );
    return replyWithInterviewDay(caller.reply, outcome, id, dayId, caller.principal);
  }
}
