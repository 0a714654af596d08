import { actorId, nullable, timeSpanFields, uuid } from '@hirestream/contracts';
import {
  CurrentPrincipal,
  QueryRoute,
  ValidParams,
  ValidQuery,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller, ForbiddenException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { AvailabilityView } from '../interviewers/availability.view';
import { InterviewerIdParams } from '../interviewers/interviewer.params';
import { boundedRange, TimeRangeQuery } from '../interviewers/time-range.query';
import { isStaffReader, STAFF_READERS } from '../interviews/scheduling-roles';
import { InterviewerCalendarsProjection } from './interviewer-calendars.projection';

const CalendarView = Type.Object(
  {
    interviewerId: actorId(),
    availability: nullable(AvailabilityView),
    bookings: Type.Array(
      Type.Object(
        { interviewId: uuid(), candidateId: uuid(), ...timeSpanFields },
        { additionalProperties: false },
      ),
    ),
  },
  { title: 'InterviewerCalendar', additionalProperties: false },
);
type CalendarView = Static<typeof CalendarView>;

@ApiTags('interviewers')
@Controller('interviewers')
export class InterviewerCalendarController {
  constructor(private readonly calendars: InterviewerCalendarsProjection) {}

  @QueryRoute({
    path: ':id/calendar',
    operationId: 'getInterviewerCalendar',
    summary:
      "The interviewer's bookings overlapping [from, to), from a projection; interviewers read only their own",
    roles: ['interviewer', ...STAFF_READERS],
    response: CalendarView,
  })
  async calendar(
    @ValidParams(InterviewerIdParams) { id }: InterviewerIdParams,
    @ValidQuery(TimeRangeQuery, boundedRange) query: TimeRangeQuery,
    @CurrentPrincipal() principal: ActingPrincipal,
  ): Promise<CalendarView> {
    if (principal.subject !== id && !isStaffReader(principal)) {
      throw new ForbiddenException('An interviewer may only read their own calendar');
    }
    await this.calendars.afterOwnWrites();
    const calendar = await this.calendars.calendarOf(id, query.from, query.to);
    return {
      interviewerId: id,
      availability:
        calendar.availability === null
          ? null
          : { ...calendar.availability, workingHours: [...calendar.availability.workingHours] },
      bookings: calendar.slots.map(({ interviewId, candidateId, startsAt, endsAt }) => ({
        interviewId,
        candidateId,
        startsAt,
        endsAt,
      })),
    };
  }
}
