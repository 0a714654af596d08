import { commandContextOf } from '@hirestream/event-sourcing';
import {
  CommandRoute,
  CurrentPrincipal,
  ExpectedRevision,
  ValidBody,
  ValidParams,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
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
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewDayView> {
    const outcome = await this.calendarHold.run(
      { type: 'CancelInterviewDay', data: { candidateId: id, dayId, reason } },
      commandContextOf({ principal }),
      { expectedRevision },
    );
    return replyWithInterviewDay(reply, outcome, id, dayId, principal);
  }
}
