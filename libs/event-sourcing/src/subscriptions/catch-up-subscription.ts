import {
  START,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Filter,
  type Position,
} from '@eventstore/db-client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckpointStore } from './checkpoint-store';

export type SubscriptionLogger = Readonly<{
  warn: (message: string, details?: Record<string, unknown>) => void;
}>;

export type CatchUpSubscriptionOptions = Readonly<{
  name: string;
  client: EventStoreDBClient;
  filter?: Filter;
  /** Handles a batch of consecutive events; the checkpoint moves only after it resolves. */
  handle: (events: readonly AllStreamResolvedEvent[]) => Promise<void>;
  /** Durable checkpoint; without one every start replays from the beginning (in-memory projections). */
  checkpoints?: CheckpointStore;
  /**
   * Least time between two checkpoint writes (default 1 s; 0 writes after every
   * batch). Delivery is at least once anyway, so a crash replays at most this
   * much; stopping always writes the last position.
   */
  checkpointIntervalMs?: number;
  maxBatchSize?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  logger?: SubscriptionLogger;
}>;

/**
 * Runs a catch-up subscription to `$all`: resumes after its checkpoint, hands
 * events to the handler in order and in batches, stores the checkpoint after
 * each handled batch, and resubscribes with exponential backoff when the
 * subscription drops or the handler fails (so an event is never skipped:
 * delivery is at least once).
 */
export class CatchUpSubscription {
  private stopped = false;
  private caughtUp = false;
  private lastHandled: Position | undefined;
  private lastStored: Position | undefined;
  private lastStoredAt = 0;
  private running: Promise<void> | undefined;
  private current: { unsubscribe(): Promise<void> } | undefined;
  private readonly caughtUpWaiters: Array<() => void> = [];

  constructor(private readonly options: CatchUpSubscriptionOptions) {}

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Resolves once the subscription has delivered everything that existed when it (re)started. */
  whenCaughtUp(): Promise<void> {
    if (this.caughtUp) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push(resolve));
  }

  /** Stops after the batch in hand is handled, then stores the last handled position. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.unsubscribe();
    await this.running;
    try {
      await this.storeCheckpoint();
    } catch (error) {
      this.options.logger?.warn(
        `subscription ${this.options.name} could not store its last checkpoint`,
        {
          error: error instanceof Error ? error.message : String(error),
        },
      );
    }
  }

  private async storeCheckpoint(): Promise<void> {
    const position = this.lastHandled;
    if (
      this.options.checkpoints === undefined ||
      position === undefined ||
      position === this.lastStored
    )
      return;
    await this.options.checkpoints.store(position);
    this.lastStored = position;
    this.lastStoredAt = performance.now();
  }

  private async run(): Promise<void> {
    const initialBackoff = this.options.initialBackoffMs ?? 100;
    let backoff = initialBackoff;
    this.lastHandled = await this.withRetry(
      () => this.options.checkpoints?.load() ?? Promise.resolve(undefined),
    );
    while (!this.stopped) {
      try {
        await this.consumeOnce(() => (backoff = initialBackoff));
      } catch (error) {
        this.options.logger?.warn(`subscription ${this.options.name} dropped; resubscribing`, {
          error: error instanceof Error ? error.message : String(error),
          backoffMs: backoff,
        });
      }
      if (this.stopped) break;
      await sleep(backoff);
      backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5_000);
    }
  }

  private async consumeOnce(onProgress: () => void): Promise<void> {
    const subscription = this.options.client.subscribeToAll({
      fromPosition: this.lastHandled ?? START,
      filter: this.options.filter,
    });
    this.current = subscription;
    // The server says "caught up" once it has sent the backlog, which may still
    // sit in our buffer: the subscription counts as caught up when that is handled too.
    let caughtUpSignalled = false;
    let handling = false;
    subscription.on('caughtUp', () => {
      caughtUpSignalled = true;
      if (!handling && subscription.readableLength === 0) this.markCaughtUp();
    });
    const maxBatchSize = this.options.maxBatchSize ?? 500;
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      while (!this.stopped) {
        const first = await iterator.next();
        if (first.done) return;
        handling = true;
        const batch: AllStreamResolvedEvent[] = [first.value];
        // Take what is already buffered, so a backlog is handled in batches.
        while (batch.length < maxBatchSize && subscription.readableLength > 0) {
          const next = await iterator.next();
          if (next.done) break;
          batch.push(next.value);
        }
        await this.options.handle(batch);
        const position = batch.at(-1)?.event?.position;
        if (position !== undefined) {
          this.lastHandled = position;
          if (
            performance.now() - this.lastStoredAt >=
            (this.options.checkpointIntervalMs ?? 1_000)
          ) {
            await this.storeCheckpoint();
          }
        }
        handling = false;
        if (caughtUpSignalled && subscription.readableLength === 0) this.markCaughtUp();
        onProgress();
      }
    } finally {
      await subscription.unsubscribe();
    }
  }

  private markCaughtUp(): void {
    this.caughtUp = true;
    for (const resolve of this.caughtUpWaiters.splice(0)) resolve();
  }

  private async withRetry<T>(operation: () => Promise<T>): Promise<T> {
    let backoff = this.options.initialBackoffMs ?? 100;
    for (;;) {
      try {
        return await operation();
      } catch (error) {
        if (this.stopped) throw error;
        this.options.logger?.warn(
          `subscription ${this.options.name} could not load its checkpoint`,
          {
            error: error instanceof Error ? error.message : String(error),
          },
        );
        await sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5_000);
      }
    }
  }
}
