import {
  createConsumerStrategy,
  type ConsumerStrategy,
  type StrategyClient,
} from './consumer-strategy';
import type { GroupConnection, GroupEvent, GroupIo } from './group-io';
import type { ConsumerStrategyName, GroupDefinition } from './group-settings';
import { RequestStatistics, type Measurement } from './request-statistics';

/** How a consumer refuses a message: the real server's `Nack.Action`. */
export type NackAction = 'unknown' | 'park' | 'retry' | 'skip' | 'stop';

interface Message<R> {
  readonly event: GroupEvent<R>;
  readonly retryCount: number;
  /** A parked message being replayed: outside the checkpoint's sequence. */
  readonly replayed: boolean;
  /** Assigned when first pushed; the checkpoint never passes an unhandled one. */
  readonly sequence: number | undefined;
  /** The position handled before this one was first pushed: where a checkpoint may stop. */
  readonly previousPosition: bigint | undefined;
}

class Client<R> implements StrategyClient<Message<R>> {
  readonly inFlight = new Map<string, Message<R>>();
  totalItems = 0;
  measuredItems = 0;

  constructor(
    readonly id: number,
    readonly connection: GroupConnection<R>,
    private readonly now: () => number,
    readonly statistics: RequestStatistics | undefined,
  ) {}

  push(message: Message<R>): boolean {
    if (this.inFlight.size >= this.connection.maxInFlight) return false;
    this.inFlight.set(message.event.id, message);
    this.totalItems += 1;
    this.statistics?.start(message.event.id, this.now());
    this.connection.deliver(message.event, message.retryCount);
    return true;
  }

  release(id: string): void {
    if (!this.inFlight.delete(id)) return;
    this.statistics?.end(id, this.now());
  }
}

/** A consumer's handle on its group. */
export interface GroupMembership {
  ack(ids: readonly string[]): void;
  nack(action: NackAction, ids: readonly string[], reason: string): void;
  /** The consumer left: what it held is retried. */
  leave(): void;
}

export interface ConnectionStats {
  readonly from: string;
  readonly username: string;
  readonly connectionName: string;
  readonly averageItemsPerSecond: number;
  readonly totalItems: number;
  readonly countSinceLastMeasurement: number;
  readonly availableSlots: number;
  readonly inFlightMessages: number;
  /** Only with `extraStatistics`. */
  readonly measurements: readonly Measurement[];
}

export interface GroupStats {
  readonly status: 'Live' | 'Behind';
  readonly connections: readonly ConnectionStats[];
  readonly averagePerSecond: number;
  readonly totalItems: number;
  readonly countSinceLastMeasurement: number;
  readonly lastCheckpointedPosition: bigint | undefined;
  readonly lastKnownEventPosition: bigint | undefined;
  readonly readBufferCount: number;
  readonly retryBufferCount: number;
  readonly totalInFlightMessages: number;
  readonly outstandingMessagesCount: number;
}

/**
 * One persistent subscription group, as plain logic: it reads its source into a bounded
 * buffer, pushes messages to consumers through the consumer strategy within their in-flight
 * limits, retries and parks as the real server does, and checkpoints the position below which
 * everything was handled.
 */
export class SubscriptionGroup<R> {
  private nextRead: bigint;
  private live = false;
  private readonly retry: Message<R>[] = [];
  private readonly buffer: Message<R>[] = [];
  private readonly outstanding = new Map<string, { message: Message<R>; expires: number }>();
  private readonly clients = new Set<Client<R>>();
  private readonly strategy: ConsumerStrategy<Message<R>>;
  private nextClientId = 1;
  private nextSequence = 0;
  private lastCheckpointedSequence = -1;
  private lastKnownSequence = -1;
  private lastKnownPosition: bigint | undefined;
  private lastCheckpointTime = Number.NEGATIVE_INFINITY;
  private checkpointInFlight = false;
  private lastCheckpointed: bigint | undefined;
  private lastKnownEvent: bigint | undefined;
  private totalItems = 0;
  private measuredItems = 0;
  private measuredAt: number;
  private closed = false;

  constructor(
    readonly definition: GroupDefinition,
    private readonly io: GroupIo<R>,
    checkpoint: bigint | undefined,
  ) {
    this.strategy = createConsumerStrategy<Message<R>>(
      definition.settings.consumerStrategy as ConsumerStrategyName,
      {
        stream: (message) => message.event.streamName,
        correlation: (message) => message.event.correlationId ?? message.event.streamName,
      },
    );
    this.measuredAt = io.now();
    const start = definition.settings.startFrom;
    if (checkpoint === undefined) {
      this.nextRead = start.kind === 'end' ? io.endPosition() : start.position;
    } else {
      // The checkpointed event was handled: resume after it, as the real server does.
      this.nextRead = checkpoint + 1n;
      this.nextSequence = 1;
      this.lastCheckpointedSequence = 0;
      this.lastKnownSequence = 0;
      this.lastKnownPosition = checkpoint;
      this.lastCheckpointed = checkpoint;
    }
    this.fill();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get hasReachedMaxClients(): boolean {
    const max = this.definition.settings.maxSubscriberCount;
    return max !== 0 && this.clients.size >= max;
  }

  /** Adds a consumer; messages start flowing to it at once. */
  join(connection: GroupConnection<R>): GroupMembership {
    const client = new Client(
      this.nextClientId++,
      connection,
      () => this.io.now(),
      this.definition.settings.extraStatistics ? new RequestStatistics() : undefined,
    );
    this.clients.add(client);
    this.strategy.added(client);
    this.push();
    return {
      ack: (ids) => this.ack(ids),
      nack: (action, ids, reason) => this.nack(action, ids, reason),
      leave: () => this.removeClient(client, false),
    };
  }

  /** New events were committed: read them if there is room. */
  wake(): void {
    if (this.closed) return;
    this.fill();
    this.push();
  }

  /** The one-second tick: retries expired messages and writes time-based checkpoints. */
  tick(): void {
    if (this.closed) return;
    const now = this.io.now();
    for (const [id, { message, expires }] of [...this.outstanding]) {
      if (expires > now) continue;
      this.outstanding.delete(id);
      if (!this.parkIfExhausted(message)) this.retryMessage(message);
    }
    this.push();
    this.tryCheckpoint(true);
    this.fill();
    this.push();
  }

  /** Parked messages to hand out again, after anything already waiting. */
  replay(events: readonly GroupEvent<R>[]): void {
    for (const event of events) {
      this.retry.push({
        event,
        retryCount: 0,
        replayed: true,
        sequence: undefined,
        previousPosition: undefined,
      });
    }
    this.push();
  }

  /** Drops every consumer (they see the subscription dropped) and stops. */
  shutdown(): void {
    this.closed = true;
    for (const client of [...this.clients]) {
      this.removeClient(client, true);
      client.connection.drop();
    }
  }

  stats(): GroupStats {
    const now = this.io.now();
    const elapsedSeconds = (now - this.measuredAt) / 1000;
    const perSecond = (items: number): number =>
      elapsedSeconds > 0 ? Math.floor(items / elapsedSeconds) : 0;
    const sinceLast = this.totalItems - this.measuredItems;
    const connections = [...this.clients].map((client) => {
      const count = client.totalItems - client.measuredItems;
      client.measuredItems = client.totalItems;
      const { connection } = client;
      return {
        from: connection.from,
        username: connection.username,
        connectionName: connection.connectionName,
        averageItemsPerSecond: perSecond(count),
        totalItems: client.totalItems,
        countSinceLastMeasurement: count,
        availableSlots: connection.maxInFlight - client.inFlight.size,
        inFlightMessages: client.inFlight.size,
        measurements: client.statistics?.measurements() ?? [],
      };
    });
    this.measuredItems = this.totalItems;
    this.measuredAt = now;
    return {
      status: this.live ? 'Live' : 'Behind',
      connections,
      averagePerSecond: perSecond(sinceLast),
      totalItems: this.totalItems,
      countSinceLastMeasurement: sinceLast,
      lastCheckpointedPosition: this.lastCheckpointed,
      lastKnownEventPosition: this.lastKnownEvent,
      readBufferCount: this.buffer.length,
      retryBufferCount: this.retry.length,
      totalInFlightMessages: connections.reduce((sum, c) => sum + c.inFlightMessages, 0),
      outstandingMessagesCount: this.outstanding.size,
    };
  }

  private ack(ids: readonly string[]): void {
    if (this.closed) return;
    this.removeProcessing(ids);
    this.tryCheckpoint(false);
    this.fill();
    this.push();
  }

  private nack(action: NackAction, ids: readonly string[], reason: string): void {
    if (this.closed) return;
    for (const id of ids) {
      const message = this.outstanding.get(id)?.message;
      switch (action) {
        case 'unknown':
        case 'retry':
          if (message !== undefined && !this.parkIfExhausted(message)) this.retryMessage(message);
          break;
        case 'park':
          if (message !== undefined)
            this.park(message, `Client explicitly NAK'ed message.\n${reason}`);
          break;
        case 'skip':
          this.outstanding.delete(id);
          break;
        // The real server takes no action on stop; like skip, the message is released below.
        case 'stop':
          break;
      }
    }
    this.removeProcessing(ids);
    this.tryCheckpoint(false);
    this.fill();
    this.push();
  }

  private removeClient(client: Client<R>, dropped: boolean): void {
    if (!this.clients.delete(client)) return;
    this.strategy.removed(client);
    const unconfirmed = [...client.inFlight.values()].sort((a, b) =>
      a.event.position < b.event.position ? -1 : a.event.position > b.event.position ? 1 : 0,
    );
    client.inFlight.clear();
    for (const message of unconfirmed) this.retryMessage(message);
    if (!dropped) this.push();
  }

  /** Reads from the source while the buffer has room. */
  private fill(): void {
    const { readBatchSize, historyBufferSize, maxCheckPointCount } = this.definition.settings;
    const batchSize = Math.max(1, readBatchSize);
    for (;;) {
      const room = historyBufferSize - (this.buffer.length + this.retry.length);
      if (room <= 0) {
        this.live = false;
        return;
      }
      const batch = this.io.read(
        this.nextRead,
        Math.min(batchSize, room),
        Math.max(batchSize, maxCheckPointCount),
      );
      this.nextRead = batch.next;
      for (const event of batch.events) {
        this.buffer.push({
          event,
          retryCount: 0,
          replayed: false,
          sequence: undefined,
          previousPosition: undefined,
        });
      }
      if (batch.events.length > 0)
        this.lastKnownEvent = batch.events[batch.events.length - 1].position;
      else if (batch.scanned > 0 && batch.lastScanned !== undefined && this.buffer.length === 0)
        this.skipped(batch.lastScanned, batch.scanned);
      if (batch.end) {
        this.live = true;
        return;
      }
    }
  }

  /** Filtered-out events count towards the checkpoint, so it moves past long runs of them. */
  private skipped(position: bigint, count: number): void {
    this.lastKnownPosition = position;
    this.nextSequence += count;
    this.lastKnownSequence = this.nextSequence - 1;
    this.tryCheckpoint(false);
  }

  private push(): void {
    if (this.closed) return;
    for (const list of [this.retry, this.buffer]) {
      let i = 0;
      while (i < list.length) {
        const waiting = list[i];
        const isNew = !waiting.replayed && waiting.sequence === undefined;
        const message: Message<R> = isNew
          ? { ...waiting, sequence: this.nextSequence, previousPosition: this.lastKnownPosition }
          : waiting;
        const result = this.strategy.push(message);
        if (result === 'full') return;
        if (result === 'skipped') {
          i += 1;
          continue;
        }
        list.splice(i, 1);
        if (isNew) this.nextSequence += 1;
        this.beginProcessing(message);
      }
    }
  }

  private beginProcessing(message: Message<R>): void {
    this.totalItems += 1;
    if (message.sequence !== undefined && message.sequence > this.lastKnownSequence) {
      this.lastKnownSequence = message.sequence;
      this.lastKnownPosition = message.event.position;
    }
    if (this.outstanding.has(message.event.id)) return;
    this.outstanding.set(message.event.id, {
      message,
      expires: this.io.now() + this.definition.settings.messageTimeoutMs,
    });
  }

  private removeProcessing(ids: readonly string[]): void {
    for (const id of ids) {
      this.outstanding.delete(id);
      for (const client of this.clients) client.release(id);
    }
  }

  private parkIfExhausted(message: Message<R>): boolean {
    const { maxRetryCount } = this.definition.settings;
    if (message.retryCount < maxRetryCount) return false;
    this.park(message, `Reached retry count of ${maxRetryCount}`);
    return true;
  }

  private park(message: Message<R>, reason: string): void {
    const { id } = message.event;
    const release = (): void => {
      this.removeProcessing([id]);
      this.push();
    };
    this.io.park(message.event, reason).then(release, release);
  }

  private retryMessage(message: Message<R>): void {
    this.removeProcessing([message.event.id]);
    const retried: Message<R> = { ...message, retryCount: message.retryCount + 1 };
    if (retried.replayed) {
      this.retry.push(retried);
      return;
    }
    // Retries go back in source order, ahead of replayed parked messages.
    const at = this.retry.findIndex(
      (waiting) => waiting.replayed || waiting.event.position > retried.event.position,
    );
    if (at === -1) this.retry.push(retried);
    else this.retry.splice(at, 0, retried);
  }

  private tryCheckpoint(isTimeCheck: boolean): void {
    if (this.closed || this.checkpointInFlight) return;
    let lowest: Message<R> | undefined;
    const consider = (message: Message<R>): void => {
      if (message.replayed || message.sequence === undefined) return;
      if (lowest === undefined || message.sequence < (lowest.sequence ?? 0)) lowest = message;
    };
    for (const { message } of this.outstanding.values()) consider(message);
    for (const message of this.retry) consider(message);

    let sequence: number;
    let position: bigint | undefined;
    if (lowest !== undefined) {
      // Everything before the lowest unhandled message was handled.
      sequence = (lowest.sequence ?? 0) - 1;
      position = lowest.previousPosition;
      if (position === undefined) return;
    } else {
      sequence = this.lastKnownSequence;
      position = this.lastKnownPosition;
    }
    if (sequence < 0 || position === undefined) return;

    const { checkPointAfterMs, minCheckPointCount, maxCheckPointCount } = this.definition.settings;
    const difference = sequence - this.lastCheckpointedSequence;
    const now = this.io.now();
    const afterMs = checkPointAfterMs === 0 ? Number.POSITIVE_INFINITY : checkPointAfterMs;
    if (now - this.lastCheckpointTime < afterMs && difference < maxCheckPointCount) return;
    if (!((difference >= minCheckPointCount && isTimeCheck) || difference >= maxCheckPointCount))
      return;
    this.lastCheckpointTime = now;
    this.lastCheckpointedSequence = sequence;
    this.lastCheckpointed = position;
    this.checkpointInFlight = true;
    const done = (): void => {
      this.checkpointInFlight = false;
    };
    this.io.writeCheckpoint(position).then(done, done);
  }
}
