import {
  addDays,
  dateText,
  instantAt,
  isoWeekday,
  localDateAt,
  type LocalDate,
} from './time-zones';

/*
 * Business days as a jurisdiction counts them: in its time zone, Monday to
 * Friday, skipping its public holidays. Pure: the holidays are data (policy),
 * and the clock is the caller's.
 */

/** A jurisdiction's working calendar: its IANA zone and public holidays as local `YYYY-MM-DD` dates. */
export type BusinessCalendar = Readonly<{ timeZone: string; holidays: readonly string[] }>;

/** Whether the local date is a working day: not Saturday or Sunday, and not a listed holiday. */
export function isBusinessDay(date: LocalDate, holidays: ReadonlySet<string>): boolean {
  return isoWeekday(date) <= 5 && !holidays.has(dateText(date));
}

/** The `days`-th business day after `date` (which itself never counts). */
export function addBusinessDays(
  date: LocalDate,
  days: number,
  holidays: ReadonlySet<string>,
): LocalDate {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`a count of business days is a whole number of at least 1, not ${days}`);
  }
  let day = date;
  for (let counted = 0; counted < days;) {
    day = addDays(day, 1);
    if (isBusinessDay(day, holidays)) counted += 1;
  }
  return day;
}

/**
 * When a waiting window of `days` business days opened at `opened` (epoch ms)
 * ends: at the local midnight that ends the `days`-th business day after the
 * local day of `opened`, in the calendar's zone (so a notice sent on Friday
 * evening in New York counts from Monday, whatever the date in UTC).
 */
export function businessDaysWindowEnd(
  opened: number,
  days: number,
  calendar: BusinessCalendar,
): number {
  const holidays = new Set(calendar.holidays);
  const lastDay = addBusinessDays(localDateAt(opened, calendar.timeZone), days, holidays);
  return instantAt(lastDay, 24 * 60, calendar.timeZone);
}
