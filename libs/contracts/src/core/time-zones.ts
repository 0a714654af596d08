/*
 * Wall-clock arithmetic in IANA zones with nothing but Intl: offsets are read
 * from the platform's time zone data, so daylight-saving changes come for free.
 */

/** A calendar date with no zone attached; month 1–12. */
export type LocalDate = Readonly<{ year: number; month: number; day: number }>;

type WallClock = LocalDate & Readonly<{ hour: number; minute: number; second: number }>;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterIn(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterIn(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

export function localDateAt(instant: number, timeZone: string): LocalDate {
  const { year, month, day } = wallClockAt(instant, timeZone);
  return { year, month, day };
}

/*
 * Offsets are asked for at the same few instants again and again (midnights
 * and working-hour edges a day apart), and each answer costs an Intl
 * formatting call, so they are remembered; answers never change, and the
 * memory is dropped wholesale when it grows large.
 */
const OFFSETS_REMEMBERED = 50_000;
const offsets = new Map<string, number>();

/** How far the zone's wall clock is ahead of UTC at the instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  const key = `${timeZone} ${wholeSecond}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const c = wallClockAt(wholeSecond, timeZone);
    offset = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - wholeSecond;
    if (offsets.size >= OFFSETS_REMEMBERED) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * The instant at which the zone's clocks show `minuteOfDay` on `date` (1440 is
 * the next midnight), read as Temporal's "compatible" disambiguation does: a
 * time skipped by a spring-forward change uses the offset before the change
 * (01:30 on a London spring-forward day is 02:30 BST), and a time repeated by a
 * fall-back change is its first occurrence.
 */
export function instantAt(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const asIfUtc = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE;
  const offsetBefore = offsetAt(asIfUtc - DAY, timeZone);
  const offsetAfter = offsetAt(asIfUtc + DAY, timeZone);
  // No change within a day either side (nearly always): one reading, no ambiguity.
  if (offsetBefore === offsetAfter) return asIfUtc - offsetBefore;
  const readBefore = asIfUtc - offsetBefore;
  const readAfter = asIfUtc - offsetAfter;
  const afterIsOnlyReading =
    offsetAt(readBefore, timeZone) !== offsetBefore &&
    offsetAt(readAfter, timeZone) === offsetAfter;
  return afterIsOnlyReading ? readAfter : readBefore;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** ISO weekday of a date: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: LocalDate): number {
  const sundayFirst = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return sundayFirst === 0 ? 7 : sundayFirst;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD`. */
export function dateText(date: LocalDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** `HH:MM` on the zone's 24-hour clock. */
export function wallClockText(instant: number, timeZone: string): string {
  const c = wallClockAt(instant, timeZone);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

/** `GMT+01:00`, `GMT-04:00`, `GMT`: the zone's offset at the instant, as people read it. */
export function utcOffsetText(instant: number, timeZone: string): string {
  const minutes = Math.round(offsetAt(instant, timeZone) / MINUTE);
  if (minutes === 0) return 'GMT';
  const sign = minutes > 0 ? '+' : '-';
  return `GMT${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** Minutes after midnight of a `HH:MM` wall-clock time. */
export function minuteOfDay(wallClock: string): number {
  const [hours, minutes] = wallClock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** A span as a clock in `timeZone` shows it: `YYYY-MM-DD`, `HH:MM`–`HH:MM` and `GMT+01:00`. */
export type LocalSpan = Readonly<{ date: string; start: string; end: string; utcOffset: string }>;

export function localSpan(start: number, end: number, timeZone: string): LocalSpan {
  return {
    date: dateText(localDateAt(start, timeZone)),
    start: wallClockText(start, timeZone),
    end: wallClockText(end, timeZone),
    utcOffset: utcOffsetText(start, timeZone),
  };
}
