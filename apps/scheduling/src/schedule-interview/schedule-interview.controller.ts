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
import { randomUUID } from 'node:crypto';
import { CalendarHoldRunner } from '../calendar-hold/calendar-hold.runner';
import { CandidateIdParams } from '../interviews/interview.params';
import { InterviewViewFor, replyWithInterview } from '../interviews/interview.view';
import { INTERVIEW_SCHEDULERS } from '../interviews/scheduling-roles';
import { ScheduleInterviewBody } from './schedule-interview.dto';

@ApiTags('interviews')
@Controller('candidates')
export class ScheduleInterviewController {
  constructor(private readonly calendarHold: CalendarHoldRunner) {}

  @CommandRoute({
    path: ':id/interviews',
    operationId: 'scheduleInterview',
    summary:
      "Schedule an interview: reserve each panelist's calendar, then record it for the candidate",
    roles: INTERVIEW_SCHEDULERS,
    creates: true,
    revisioned: true,
    response: InterviewViewFor,
    problems: [404, 409],
  })
  async schedule(
    @ValidParams(CandidateIdParams) { id }: CandidateIdParams,
    @ValidBody(ScheduleInterviewBody) body: ScheduleInterviewBody,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewViewFor> {
    const interviewId = randomUUID();
    const outcome = await this.calendarHold.run(
      {
        type: 'ScheduleInterview',
        data: {
          candidateId: id,
          interviewId,
          kind: body.kind,
          round: body.round,
          format: body.format,
          location: body.location ?? null,
          videoLink: body.videoLink ?? null,
          panel: body.panel,
          startsAt: body.startsAt,
          endsAt: body.endsAt,
          candidateTimeZone: body.candidateTimeZone,
          now: new Date().toISOString(),
          override: body.override ?? null,
        },
      },
      commandContextOf({ principal }),
      { expectedRevision },
    );
    reply.header('location', `/candidates/${id}/interviews/${interviewId}`);
    return replyWithInterview(reply, outcome, id, interviewId, principal);
  }
}
