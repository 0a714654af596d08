/**
 * The time every decision of a service is taken at. Injected (never
 * `Date.now()` where a test or a demo must move time): a test hands a clock
 * of its own; `CLOCK_SHIFT_SECONDS` runs a whole process ahead of the wall
 * clock, e.g. to see a waiting period end without waiting.
 */
export class Clock {
  constructor(private readonly shiftMs = 0) {}

  /** Milliseconds since the epoch. */
  now(): number {
    return Date.now() + this.shiftMs;
  }

  /** The ISO 8601 instant now. */
  instant(): string {
    return new Date(this.now()).toISOString();
  }
}
