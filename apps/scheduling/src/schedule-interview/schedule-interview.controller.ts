import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
    @Caller() caller: CommandCaller,
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
      caller.context,
      caller.options,
    );
    caller.reply.header('location', `/candidates/${id}/interviews/${interviewId}`);
    return replyWithInterview(caller.reply, outcome, id, interviewId, caller.principal);
  }
}
