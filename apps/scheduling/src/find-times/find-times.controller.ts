import { CommandRejectedError } from '@hirestream/event-sourcing';
import { Roles } from '@hirestream/platform';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { findTimes, type PanelistCalendar } from '../domain/find-times';
import { intervalOf, type Interval } from '../domain/intervals';
import { CLOSED_INTERVIEW_STATUSES } from '../domain/interview.state';
import { InterviewerCalendarSubscription } from '../interviewer-calendar/interviewer-calendar.subscription';
import { InterviewCommandService } from '../common/interview-command.service';
import { FindTimesDto } from './find-times.dto';
import { INTERVIEW_SCHEDULERS } from '../common/scheduling-roles';

export type ProposedTime = Readonly<{ startsAt: string; endsAt: string }>;

@ApiTags('interviewers')
@Controller()
export class FindTimesController {
  constructor(
    private readonly calendars: InterviewerCalendarSubscription,
    private readonly interviews: InterviewCommandService,
  ) {}

  @Post('find-times')
  @HttpCode(200)
  @Roles(...INTERVIEW_SCHEDULERS)
  @ApiOperation({
    summary:
      'Propose times, earliest first, when the whole panel (and the candidate) is free, within working hours and daily limits',
  })
  async find(@Body() body: FindTimesDto): Promise<{ proposals: ProposedTime[] }> {
    const panel = body.panel.map((interviewerId): PanelistCalendar => {
      const { availability, slots } = this.calendars.projection.calendarOf(interviewerId);
      if (availability === null) {
        throw new CommandRejectedError(
          'availability-not-set',
          `${interviewerId} has no working hours yet, so no time can be proposed for them`,
        );
      }
      return { interviewerId, availability, busy: [...slots.values()].map((s) => s.interval) };
    });
    const requested = intervalOf({ startsAt: body.from, endsAt: body.to });
    // The projection only proposes: booking a proposal is still checked against each calendar stream.
    const proposals = findTimes({
      panel,
      candidateBusy: await this.candidateBusy(body.candidateId),
      range: { start: Math.max(requested.start, Date.now()), end: requested.end },
      durationMinutes: body.durationMinutes,
      stepMinutes: body.stepMinutes,
      maxProposals: body.maxProposals,
    });
    return {
      proposals: proposals.map((slot) => ({
        startsAt: new Date(slot.start).toISOString(),
        endsAt: new Date(slot.end).toISOString(),
      })),
    };
  }

  private async candidateBusy(candidateId: string | undefined): Promise<Interval[]> {
    if (candidateId === undefined) return [];
    const { state } = await this.interviews.load(candidateId);
    return [...state.interviews.values()]
      .filter((interview) => !CLOSED_INTERVIEW_STATUSES.has(interview.status))
      .map(intervalOf);
  }
}
