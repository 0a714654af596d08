import {
  AggregateNotFoundError,
  candidateStreamName,
  CommandRejectedError,
} from '@hirestream/contracts';
import { QueryRoute, ValidBody } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { findTimes, type PanelistCalendar } from '../domain/find-times';
import { intervalOf, type Interval } from '../domain/intervals';
import { CLOSED_INTERVIEW_STATUSES } from '../domain/interview.state';
import { InterviewerCalendarsProjection } from '../interviewer-calendar/interviewer-calendars.projection';
import { boundedRange } from '../interviewers/time-range.query';
import { INTERVIEW_SCHEDULERS } from '../interviews/scheduling-roles';
import { INTERVIEWS, type InterviewGateway } from '../scheduling-gateways';
import { FindTimesBody, ProposedTimes } from './find-times.dto';

@ApiTags('interviewers')
@Controller()
export class FindTimesController {
  constructor(
    private readonly calendars: InterviewerCalendarsProjection,
    @Inject(INTERVIEWS) private readonly interviews: InterviewGateway,
  ) {}

  @QueryRoute({
    method: 'POST',
    path: 'find-times',
    operationId: 'findTimes',
    summary:
      'Propose times, earliest first, when the whole panel (and the candidate) is free, within working hours and daily limits',
    roles: INTERVIEW_SCHEDULERS,
    response: ProposedTimes,
    problems: [404, 409],
  })
  async find(@ValidBody(FindTimesBody, boundedRange) body: FindTimesBody): Promise<ProposedTimes> {
    const panel = await Promise.all(
      body.panel.map(async (interviewerId): Promise<PanelistCalendar> => {
        const { availability, slots } = await this.calendars.calendarOf(
          interviewerId,
          body.from,
          body.to,
        );
        if (availability === null) {
          throw new CommandRejectedError(
            'availability-not-set',
            `${interviewerId} has no working hours yet, so no time can be proposed for them`,
          );
        }
        return { interviewerId, availability, busy: slots.map((slot) => slot.interval) };
      }),
    );
    const requested = intervalOf({ startsAt: body.from, endsAt: body.to });
    // The projection only proposes: booking a proposal is still checked against each calendar stream.
    const proposals = findTimes({
      panel,
      candidateBusy: await this.candidateBusy(body.candidateId),
      range: { start: Math.max(requested.start, Date.now()), end: requested.end },
      durationMinutes: body.durationMinutes,
      stepMinutes: body.stepMinutes ?? 15,
      maxProposals: body.maxProposals ?? 10,
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
    const { state, revision } = await this.interviews.load(candidateStreamName(candidateId));
    if (revision === undefined) {
      throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
    }
    return [...state.interviews.values()]
      .filter((interview) => !CLOSED_INTERVIEW_STATUSES.has(interview.status))
      .map(intervalOf);
  }
}
