import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CalendarHoldRunner } from '../calendar-hold/calendar-hold.runner';
import { InterviewDayView, replyWithInterviewDay } from '../interviews/interview-day.view';
import { CandidateIdParams } from '../interviews/interview.params';
import { INTERVIEW_SCHEDULERS } from '../interviews/scheduling-roles';
import { ScheduleInterviewDayBody } from './schedule-interview-day.dto';

@ApiTags('interviews')
@Controller('candidates')
export class ScheduleInterviewDayController {
  constructor(private readonly calendarHold: CalendarHoldRunner) {}

  @CommandRoute({
    path: ':id/interview-days',
    operationId: 'scheduleInterviewDay',
    summary:
      "Schedule an interview day: reserve every session's panel, then record the day for the candidate",
    roles: INTERVIEW_SCHEDULERS,
    creates: true,
    revisioned: true,
    response: InterviewDayView,
    problems: [404, 409],
  })
  async schedule(
    @ValidParams(CandidateIdParams) { id }: CandidateIdParams,
    @ValidBody(ScheduleInterviewDayBody) body: ScheduleInterviewDayBody,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewDayView> {
    const dayId = randomUUID();
    const outcome = await this.calendarHold.run(
      {
        type: 'ScheduleInterviewDay',
        data: {
          candidateId: id,
          dayId,
          candidateTimeZone: body.candidateTimeZone,
          sessions: body.sessions.map((session) => ({
            interviewId: randomUUID(),
            title: session.title,
            kind: session.kind,
            round: session.round,
            format: session.format,
            location: session.location ?? null,
            videoLink: session.videoLink ?? null,
            panel: session.panel,
            startsAt: session.startsAt,
            endsAt: session.endsAt,
          })),
          breaks: body.breaks,
          now: new Date().toISOString(),
          override: body.override ?? null,
        },
      },
      caller.context,
      caller.options,
    );
    caller.reply.header('location', `/candidates/${id}/interview-days/${dayId}/agenda`);
    return replyWithInterviewDay(caller.reply, outcome, id, dayId, caller.principal);
  }
}
