import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CalendarHoldRunner } from '../calendar-hold/calendar-hold.runner';
import { InterviewParams } from '../interviews/interview.params';
import { InterviewViewFor, replyWithInterview } from '../interviews/interview.view';
import { INTERVIEW_SCHEDULERS } from '../interviews/scheduling-roles';
import { RescheduleInterviewBody } from './reschedule-interview.dto';

@ApiTags('interviews')
@Controller('candidates')
export class RescheduleInterviewController {
  constructor(private readonly calendarHold: CalendarHoldRunner) {}

  @CommandRoute({
    path: ':id/interviews/:interviewId/reschedule',
    operationId: 'rescheduleInterview',
    summary: "Move the interview to a new time, moving its panel's calendar reservations with it",
    roles: INTERVIEW_SCHEDULERS,
    revisioned: true,
    response: InterviewViewFor,
    problems: [404, 409],
  })
  async reschedule(
    @ValidParams(InterviewParams) { id, interviewId }: InterviewParams,
    @ValidBody(RescheduleInterviewBody) body: RescheduleInterviewBody,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewViewFor> {
    const outcome = await this.calendarHold.run(
      {
        type: 'RescheduleInterview',
        data: {
          candidateId: id,
          interviewId,
          startsAt: body.startsAt,
          endsAt: body.endsAt,
          reason: body.reason,
          now: new Date().toISOString(),
          override: body.override ?? null,
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithInterview(caller.reply, outcome, id, interviewId, caller.principal);
  }
}
