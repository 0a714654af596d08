import type { Clock } from '@hirestream/platform';

export type DuePassesOptions = Readonly<{
  /** The longest between two passes: work recorded elsewhere is found by then. */
  pollMs: number;
  clock: Clock;
  /** One pass; resolves with when the soonest work not done yet is due (ms), if any. */
  pass: () => Promise<number | undefined>;
  /** A pass that failed (the store unreachable, say): the next one tries again. */
  onFailure: (error: unknown) => void;
}>;

/**
 * Runs passes over work due at a time (timers, an outbox), one at a time:
 * the next at the soonest due time the pass reported, and at least every
 * `pollMs`; `soon()` asks for one as soon as the pass under way is done.
 */
export class DuePasses {
  private wakeUp: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private again = false;

  constructor(private readonly options: DuePassesOptions) {}

  start(): void {
    this.schedule(0);
  }

  soon(): void {
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    clearTimeout(this.wakeUp);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeUp);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.wakeUp = setTimeout(() => {
      this.running = this.pass().finally(() => (this.running = undefined));
    }, ms);
    this.wakeUp.unref();
  }

  private async pass(): Promise<void> {
    let next = this.options.pollMs;
    try {
      const soonest = await this.options.pass();
      if (soonest !== undefined) {
        next = Math.max(0, Math.min(next, soonest - this.options.clock.now()));
      }
    } catch (error) {
      this.options.onFailure(error);
    }
    if (this.again) {
      this.again = false;
      next = 0;
    }
    this.schedule(next);
  }
}
