import { Clock } from '@hirestream/platform';

/** A clock that stands still until the test moves it: waiting periods pass at once. */
export class TestClock extends Clock {
  private at: number;

  constructor(start: string | number = Date.now()) {
    super();
    this.at = typeof start === 'number' ? start : Date.parse(start);
  }

  override now(): number {
    return this.at;
  }

  /** Moves the clock on by `ms` (never back). */
  advance(ms: number): void {
    if (ms < 0) throw new Error('a test clock does not go back');
    this.at += ms;
  }

  /** Moves the clock to the instant (at or after now). */
  advanceTo(instant: string): void {
    this.advance(Math.max(0, Date.parse(instant) - this.at));
  }
}
