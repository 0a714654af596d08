/** An event a group hands out; `ref` is what the wire needs to encode it later. */
export interface GroupEvent<R = unknown> {
  /** The id consumers ack and nack: the link's when the event came through one. */
  readonly id: string;
  /** Order in the source: a stream revision or a log position; for a replayed parked message, its parked revision. */
  readonly position: bigint;
  /** The stream the event belongs to (Pinned routes by it). */
  readonly streamName: string;
  /** `$correlationId` from its metadata, if any (PinnedByCorrelation routes by it). */
  readonly correlationId: string | undefined;
  readonly ref: R;
}

export interface ReadBatch<R> {
  readonly events: GroupEvent<R>[];
  /** Where the next read starts (inclusive). */
  readonly next: bigint;
  /** Events examined, matching or not, and the last one's position. */
  readonly scanned: number;
  readonly lastScanned: bigint | undefined;
  /** True when nothing is left to read now. */
  readonly end: boolean;
}

/** What a group needs from storage and time; the service implements it over the event store. */
export interface GroupIo<R> {
  /** Reads up to `count` matching events from `from` (inclusive), examining at most `window` events. */
  read(from: bigint, count: number, window: number): ReadBatch<R>;
  /** Where a group starting from the end begins: just after the last event now. */
  endPosition(): bigint;
  /** Durably records that everything up to `position` was handled. */
  writeCheckpoint(position: bigint): Promise<void>;
  /** Durably parks a message; the write is submitted before this returns. */
  park(event: GroupEvent<R>, reason: string): Promise<void>;
  now(): number;
}

/** A consumer's call as a group sees it. */
export interface GroupConnection<R> {
  readonly maxInFlight: number;
  readonly connectionName: string;
  readonly from: string;
  readonly username: string;
  deliver(event: GroupEvent<R>, retryCount: number): void;
  /** Ends the call as dropped by the server. */
  drop(): void;
}
