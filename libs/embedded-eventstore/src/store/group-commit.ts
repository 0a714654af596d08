import type { PlacedRecord, SegmentLog } from '../storage/segment-log';

interface QueuedOperation {
  readonly prepare: (batch: PlacedRecord[]) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Serialises writes and makes them durable together: operations queued while one fdatasync
 * runs are prepared in order, written as one batch and acknowledged after a single sync.
 */
export class GroupCommit {
  private queue: QueuedOperation[] = [];
  private running: Promise<void> | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly log: SegmentLog,
    private readonly onDurable: () => void,
  ) {}

  /** Runs `prepare` in commit order; resolves with its result once the records it placed are on disk. */
  submit<T>(prepare: (batch: PlacedRecord[]) => T): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ prepare, resolve: resolve as (value: unknown) => void, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves when nothing is queued or being written. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  private async drain(): Promise<void> {
    // Wait for the end of this event-loop turn, so that every append whose last message was
    // read in it (one socket read can hold many) joins the first batch. A flush that runs on
    // the loop leaves no other window in which appends could queue up for the next batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const operations = this.queue;
      this.queue = [];
      const batch: PlacedRecord[] = [];
      const results = operations.map((operation) => {
        try {
          return { ok: true as const, value: operation.prepare(batch) };
        } catch (error) {
          return { ok: false as const, error };
        }
      });
      try {
        if (batch.length > 0) await this.log.write(batch);
      } catch (error) {
        this.fail(error, operations);
        return;
      }
      this.onDurable();
      operations.forEach((operation, index) => {
        const result = results[index];
        if (result.ok) operation.resolve(result.value);
        else operation.reject(result.error);
      });
    }
    this.running = undefined;
  }

  private fail(error: unknown, operations: readonly QueuedOperation[]): void {
    // The index already holds the unwritten records, so no later write can be trusted either.
    this.failure = new Error(
      `event store write failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    for (const operation of [...operations, ...this.queue]) operation.reject(this.failure);
    this.queue = [];
    this.running = undefined;
  }
}
