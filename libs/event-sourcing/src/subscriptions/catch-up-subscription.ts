import {
  START,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Filter,
  type Position,
} from '@eventstore/db-client';
import { setTimeout as sleep } from 'node:timers/promises';

export type SubscriptionLogger = Readonly<{
  warn: (message: string, details?: Record<string, unknown>) => void;
  error?: (message: string, details?: Record<string, unknown>) => void;
}>;

/** Where a subscription keeps its position between runs. */
export type Checkpoints = Readonly<{
  load(): Promise<Position | undefined>;
  store(position: Position): Promise<void>;
}>;

/** A subscription that keeps failing on one event: which, why, since when. */
export type SubscriptionStall = Readonly<{
  subscription: string;
  streamName: string;
  revision: string;
  eventType: string;
  reason: string;
  attempts: number;
  since: string;
}>;

export type CatchUpSubscriptionOptions = Readonly<{
  name: string;
  client: EventStoreDBClient;
  filter?: Filter;
  /** Handles a batch of consecutive events; the checkpoint moves only after it resolves. */
  handle: (events: readonly AllStreamResolvedEvent[]) => Promise<void>;
  /** Durable checkpoint; without one every start replays from the beginning (in-memory projections). */
  checkpoints?: Checkpoints;
  /**
   * Failed attempts at one batch after which the subscription reports itself
   * stalled (`stall`, `onStall`); it keeps retrying with the longest backoff
   * and never skips the event. Default 5.
   */
  stallAfterAttempts?: number;
  onStall?: (stall: SubscriptionStall) => void;
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
  /** Consecutive failed attempts at the batch starting with `failing`. */
  private failing: { eventId: string; attempts: number; since: string } | undefined;
  private currentStall: SubscriptionStall | undefined;

  constructor(private readonly options: CatchUpSubscriptionOptions) {}

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  /** Set while one event keeps failing past `stallAfterAttempts`; cleared once it is handled. */
  get stall(): SubscriptionStall | undefined {
    return this.currentStall;
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
        // A failing event is reported by handleCounted, once; a dropped connection here.
        if (!(error instanceof HandlerFailedError)) {
          this.options.logger?.warn(`subscription ${this.options.name} dropped; resubscribing`, {
            error: error instanceof Error ? error.message : String(error),
            backoffMs: backoff,
          });
        }
      }
      if (this.stopped) break;
      await sleep(backoff);
      backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5_000);
    }
  }

  private async consumeOnce(onProgress: () => void): Promise<void> {
    const maxBatchSize = this.options.maxBatchSize ?? 500;
    // The client buffers 16 events by default; batches can only be as big as the buffer.
    const subscription = this.options.client.subscribeToAll(
      { fromPosition: this.lastHandled ?? START, filter: this.options.filter },
      { highWaterMark: maxBatchSize },
    );
    this.current = subscription;
    // The server says "caught up" once it has sent the backlog, which may still
    // sit in our buffer: the subscription counts as caught up when that is handled too.
    let caughtUpSignalled = false;
    let handling = false;
    subscription.on('caughtUp', () => {
      caughtUpSignalled = true;
      if (!handling && subscription.readableLength === 0) this.markCaughtUp();
    });
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
        await this.handleCounted(batch);
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

  /** Hands a batch to the handler, counting failures at its first event to tell a stall. */
  private async handleCounted(batch: readonly AllStreamResolvedEvent[]): Promise<void> {
    const first = batch[0]?.event;
    try {
      await this.options.handle(batch);
    } catch (error) {
      if (first === undefined) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const failing =
        this.failing?.eventId === first.id
          ? { ...this.failing, attempts: this.failing.attempts + 1 }
          : { eventId: first.id, attempts: 1, since: new Date().toISOString() };
      this.failing = failing;
      const stall: SubscriptionStall = {
        subscription: this.options.name,
        streamName: first.streamId,
        revision: first.revision.toString(),
        eventType: first.type,
        reason,
        attempts: failing.attempts,
        since: failing.since,
      };
      const limit = this.options.stallAfterAttempts ?? 5;
      if (failing.attempts === limit) {
        this.currentStall = stall;
        const log = this.options.logger?.error ?? this.options.logger?.warn;
        log?.(`subscription ${this.options.name} is stalled: an event keeps failing`, stall);
        this.options.onStall?.(stall);
      } else if (failing.attempts < limit) {
        this.options.logger?.warn(
          `subscription ${this.options.name} could not handle an event`,
          stall,
        );
      } else {
        this.currentStall = stall;
      }
      throw new HandlerFailedError(reason);
    }
    if (this.failing !== undefined) {
      if (this.currentStall !== undefined) {
        this.options.logger?.warn(`subscription ${this.options.name} is moving again`, {
          ...this.currentStall,
        });
      }
      this.failing = undefined;
      this.currentStall = undefined;
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

/** The handler refused a batch; the subscription resubscribes from before it. */
class HandlerFailedError extends Error {}
