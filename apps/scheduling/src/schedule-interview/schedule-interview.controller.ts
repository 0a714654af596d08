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
import type { ScheduleInterview } from '../domain/interview.commands';
import { CandidateIdParams } from '../common/candidate-id.params';
import { commandContextOf } from '../common/command-context';
import { INTERVIEW_SCHEDULERS } from '../common/scheduling-roles';
import { InterviewCommandService } from '../common/interview-command.service';
import { replyWithInterview, type InterviewView } from '../common/interview.view';
import { InterviewerCalendars } from '../common/interviewer-calendars.service';
import { ScheduleInterviewDto } from './schedule-interview.dto';

@ApiTags('interviews')
@Controller('candidates')
export class ScheduleInterviewController {
  constructor(
    private readonly interviews: InterviewCommandService,
    private readonly calendars: InterviewerCalendars,
  ) {}

  @IdempotentPost(':id/interviews', 201)
  @Roles(...INTERVIEW_SCHEDULERS)
  @ApiOperation({
    summary:
      "Schedule an interview: reserve each panelist's calendar, then record it for the candidate",
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result',
  })
  async schedule(
    @Param() { id }: CandidateIdParams,
    @Body() body: ScheduleInterviewDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewView> {
    const now = new Date().toISOString();
    const command: ScheduleInterview = {
      type: 'ScheduleInterview',
      data: {
        candidateId: id,
        interviewId: randomUUID(),
        kind: body.kind,
        round: body.round,
        format: body.format,
        location: body.location ?? null,
        videoLink: body.videoLink ?? null,
        panel: body.panel.map(({ interviewerId, role }) => ({ interviewerId, role })),
        startsAt: body.startsAt,
        endsAt: body.endsAt,
        candidateTimeZone: body.candidateTimeZone,
        now,
      },
    };
    const { candidateId, interviewId, startsAt, endsAt, panel } = command.data;
    const checked = await this.interviews.checkLoaded(command, expectedRevision);
    const context = commandContextOf(principal);
    const outcome = await this.calendars.holdWhile(
      panel.map((member) => member.interviewerId),
      { candidateId, interviewId, startsAt, endsAt, now, override: body.override ?? null },
      null,
      context,
      () => this.interviews.execute(command, context, expectedRevision, checked),
    );
    reply.header('location', `/candidates/${candidateId}/interviews/${interviewId}`);
    return replyWithInterview(reply, outcome, candidateId, interviewId);
  }
}
