import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CalendarHoldRunner } from '../calendar-hold/calendar-hold.runner';
import { ReasonBody } from '../interviews/booking.dto';
import { InterviewParams } from '../interviews/interview.params';
import { InterviewViewFor, replyWithInterview } from '../interviews/interview.view';
import { INTERVIEW_SCHEDULERS } from '../interviews/scheduling-roles';

@ApiTags('interviews')
@Controller('candidates')
export class CancelInterviewController {
  constructor(private readonly calendarHold: CalendarHoldRunner) {}

  @CommandRoute({
    path: ':id/interviews/:interviewId/cancellation',
    operationId: 'cancelInterview',
    summary: "Cancel the interview and free its panel's calendars",
    roles: INTERVIEW_SCHEDULERS,
    revisioned: true,
    response: InterviewViewFor,
    problems: [404, 409],
  })
  async cancel(
    @ValidParams(InterviewParams) { id, interviewId }: InterviewParams,
    @ValidBody(ReasonBody) { reason }: ReasonBody,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewViewFor> {
    const outcome = await this.calendarHold.run(
      { type: 'CancelInterview', data: { candidateId: id, interviewId, reason } },
      caller.context,
      caller.options,
    );
    return replyWithInterview(caller.reply, outcome, id, interviewId, caller.principal);
  }
}
