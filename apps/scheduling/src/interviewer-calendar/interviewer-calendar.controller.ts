import { CurrentPrincipal, Roles, type ActingPrincipal } from '@hirestream/platform';
import { Controller, ForbiddenException, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { intervalOf, overlaps } from '../domain/intervals';
import type { Availability } from '../domain/working-hours';
import { isStaffReader, STAFF_READERS } from '../common/scheduling-roles';
import { TimeRange } from '../common/time-range.query';
import { InterviewerCalendarSubscription } from './interviewer-calendar.subscription';
import { InterviewerIdParams } from '../common/interviewer-id.params';

export type CalendarBooking = Readonly<{
  interviewId: string;
  candidateId: string;
  startsAt: string;
  endsAt: string;
}>;

export type CalendarView = Readonly<{
  interviewerId: string;
  availability: Availability | null;
  bookings: CalendarBooking[];
}>;

@ApiTags('interviewers')
@Controller('interviewers')
export class InterviewerCalendarController {
  constructor(private readonly calendars: InterviewerCalendarSubscription) {}

  @Get(':id/calendar')
  @Roles('interviewer', ...STAFF_READERS)
  @ApiOperation({
    summary:
      "The interviewer's bookings overlapping [from, to), from a projection; interviewers read only their own",
  })
  calendar(
    @Param() { id }: InterviewerIdParams,
    @Query() query: TimeRange,
    @CurrentPrincipal() principal: ActingPrincipal,
  ): CalendarView {
    if (principal.subject !== id && !isStaffReader(principal)) {
      throw new ForbiddenException('An interviewer may only read their own calendar');
    }
    const range = intervalOf({ startsAt: query.from, endsAt: query.to });
    const calendar = this.calendars.projection.calendarOf(id);
    const bookings = [...calendar.slots.values()]
      .filter((slot) => overlaps(slot.interval, range))
      .sort((a, b) => a.interval.start - b.interval.start)
      .map(({ interviewId, candidateId, interval }) => ({
        interviewId,
        candidateId,
        startsAt: new Date(interval.start).toISOString(),
        endsAt: new Date(interval.end).toISOString(),
      }));
    return { interviewerId: id, availability: calendar.availability, bookings };
  }
}
