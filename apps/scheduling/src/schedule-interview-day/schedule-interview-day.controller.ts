import {
  type ActingPrincipal,
  CurrentPrincipal,
  ExpectedRevision,
  IdempotentPost,
  Roles,
} from '@hirestream/platform';
import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { ScheduleInterviewDay } from '../domain/interview.commands';
import { CandidateIdParams } from '../common/candidate-id.params';
import { commandContextOf } from '../common/command-context';
import { INTERVIEW_SCHEDULERS } from '../common/scheduling-roles';
import { InterviewCommandService } from '../common/interview-command.service';
import { replyWithInterviewDay, type InterviewDayView } from '../common/interview-day.view';
import { InterviewerCalendars } from '../common/interviewer-calendars.service';
import { ScheduleInterviewDayDto } from './schedule-interview-day.dto';

@ApiTags('interviews')
@Controller('candidates')
export class ScheduleInterviewDayController {
  constructor(
    private readonly interviews: InterviewCommandService,
    private readonly calendars: InterviewerCalendars,
  ) {}

  @IdempotentPost(':id/interview-days', 201)
  @Roles(...INTERVIEW_SCHEDULERS)
  @ApiOperation({
    summary:
      "Schedule an interview day: reserve every session's panel, then record the day for the candidate",
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result',
  })
  async schedule(
    @Param() { id }: CandidateIdParams,
    @Body() body: ScheduleInterviewDayDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewDayView> {
    const now = new Date().toISOString();
    const command: ScheduleInterviewDay = {
      type: 'ScheduleInterviewDay',
      data: {
        candidateId: id,
        dayId: randomUUID(),
        candidateTimeZone: body.candidateTimeZone,
        sessions: body.sessions.map((session) => ({
          interviewId: randomUUID(),
          title: session.title,
          kind: session.kind,
          round: session.round,
          format: session.format,
          location: session.location ?? null,
          videoLink: session.videoLink ?? null,
          panel: session.panel.map(({ interviewerId, role }) => ({ interviewerId, role })),
          startsAt: session.startsAt,
          endsAt: session.endsAt,
        })),
        breaks: body.breaks.map(({ title, startsAt, endsAt }) => ({ title, startsAt, endsAt })),
        now,
      },
    };
    const { candidateId, dayId, sessions } = command.data;
    const checked = await this.interviews.checkLoaded(command, expectedRevision);
    const context = commandContextOf(principal);
    const override = body.override ?? null;
    const outcome = await this.calendars.holdEachWhile(
      sessions.map(({ interviewId, startsAt, endsAt, panel }) => ({
        interviewerIds: panel.map((member) => member.interviewerId),
        booking: { candidateId, interviewId, startsAt, endsAt, now, override },
        previous: null,
      })),
      context,
      () => this.interviews.execute(command, context, expectedRevision, checked),
    );
    reply.header('location', `/candidates/${candidateId}/interview-days/${dayId}/agenda`);
    return replyWithInterviewDay(reply, outcome, candidateId, dayId);
  }
}
