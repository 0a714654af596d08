import { dataSync } from './file-io';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit: writes land in the page cache at once, and every caller waiting
 * on a file is released by one fdatasync that started after its write. While a
 * round of syncs runs, new writes queue up for the next round.
 */
export class FlushScheduler {
  private pending = new Map<number, Waiter[]>();
  private running = false;

  /** Resolves once everything written to `fd` so far is on disk. */
  sync(fd: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(fd);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(fd, [{ resolve, reject }]);
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.pending.size > 0) {
      const round = this.pending;
      this.pending = new Map();
      await Promise.all(
        [...round].map(async ([fd, waiters]) => {
          try {
            await dataSync(fd);
            for (const waiter of waiters) waiter.resolve();
          } catch (error) {
            for (const waiter of waiters) waiter.reject(error);
          }
        }),
      );
    }
    this.running = false;
  }

  /** Resolves once every sync requested so far has finished (before closing files). */
  async drain(): Promise<void> {
    while (this.running) await new Promise((resolve) => setImmediate(resolve));
  }
}
