import { CommandRejectedError, isKnownTimeZone } from '@hirestream/contracts';
import type { Interval } from './intervals';

/** Longer than any interview, session or break: a booking past it is a mistake, not a plan. */
export const MAX_BOOKING_HOURS = 12;

/**
 * The checks every booking makes on its times, shared by the interview and
 * interviewer calendar deciders so both refuse the same things by the same names.
 */
export function checkedInterval(
  times: Readonly<{ startsAt: string; endsAt: string; now: string }>,
  what: string,
): Interval {
  const start = Date.parse(times.startsAt);
  const end = Date.parse(times.endsAt);
  const now = Date.parse(times.now);
  if (Number.isNaN(start) || Number.isNaN(end) || Number.isNaN(now)) {
    throw new CommandRejectedError('invalid-instant', `${what} needs ISO-8601 instants`);
  }
  if (start >= end) {
    throw new CommandRejectedError(
      'ends-before-it-starts',
      `${what} must end after it starts (${times.startsAt} – ${times.endsAt})`,
    );
  }
  if (end - start > MAX_BOOKING_HOURS * 3_600_000) {
    throw new CommandRejectedError(
      'too-long',
      `${what} lasts longer than ${MAX_BOOKING_HOURS} hours (${times.startsAt} – ${times.endsAt})`,
    );
  }
  if (start < now) {
    throw new CommandRejectedError(
      'in-the-past',
      `${what} cannot start in the past (${times.startsAt} is before ${times.now})`,
    );
  }
  return { start, end };
}

export function checkTimeZone(timeZone: string): void {
  if (!isKnownTimeZone(timeZone)) {
    throw new CommandRejectedError('unknown-time-zone', `${timeZone} is not an IANA time zone`);
  }
}
