import {
  addDays,
  compareDates,
  instantAt,
  isoWeekday,
  localDateAt,
  minuteOfDay,
  type InterviewerAvailabilitySet,
  type LocalDate,
} from '@hirestream/contracts';
import type { Interval } from './intervals';

/** An interviewer's working hours, their zone and daily limit, as the availability event records them. */
export type Availability = Omit<InterviewerAvailabilitySet['data'], 'interviewerId'>;

/** One local day of an interviewer: the whole day, and the part of it they work (none on days off). */
export type WorkingDay = Readonly<{ date: LocalDate; day: Interval; working: Interval | null }>;

function workingDay(availability: Availability, date: LocalDate): WorkingDay {
  const { timeZone } = availability;
  const day = {
    start: instantAt(date, 0, timeZone),
    end: instantAt(addDays(date, 1), 0, timeZone),
  };
  const hours = availability.workingHours.find((h) => h.weekday === isoWeekday(date));
  // Each end is converted on its own, so a day that loses or gains an hour to a
  // clock change still works 09:00–17:00 on the wall clock.
  const working =
    hours === undefined
      ? null
      : {
          start: instantAt(date, minuteOfDay(hours.start), timeZone),
          end: instantAt(date, minuteOfDay(hours.end), timeZone),
        };
  return { date, day, working };
}

/** The interviewer's local day that contains the instant. */
export function workingDayAt(availability: Availability, instant: number): WorkingDay {
  return workingDay(availability, localDateAt(instant, availability.timeZone));
}

/** Every local day of the interviewer that overlaps `range`, in order. */
export function workingDaysOver(availability: Availability, range: Interval): WorkingDay[] {
  const days: WorkingDay[] = [];
  const last = localDateAt(range.end - 1, availability.timeZone);
  for (
    let date = localDateAt(range.start, availability.timeZone);
    compareDates(date, last) <= 0;
    date = addDays(date, 1)
  ) {
    days.push(workingDay(availability, date));
  }
  return days;
}
