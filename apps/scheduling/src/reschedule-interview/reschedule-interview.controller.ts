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
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
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
      commandContextOf({ principal }),
      { expectedRevision },
    );
    return replyWithInterview(reply, outcome, id, interviewId, principal);
  }
}
