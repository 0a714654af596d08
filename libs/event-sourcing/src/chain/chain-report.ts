/** One stored event as the verifier takes it: raw, not decoded or upcast. */
export type ChainEvent = Readonly<{
  revision: bigint;
  id: string;
  type: string;
  /** The data as stored (parsed JSON). */
  data: unknown;
  /** The metadata as stored (parsed JSON), with its `previousHash` and `hash`. */
  metadata: unknown;
}>;

/** A stream's last event as read: its revision and the hash stored with it (none: written before the chain). */
export type ChainHead = Readonly<{ revision: bigint; hash: string | undefined }>;

/**
 * A stream's head as an anchor recorded it, kept apart from the store; `hash` null
 * for a head written before the stream's chain (its revision must still be reached,
 * by an event without a hash).
 */
export type AnchoredHead = Readonly<{ revision: bigint; hash: string | null }>;

export type ChainBreakKind = 'altered' | 'inserted' | 'removed' | 'reordered' | 'truncated';

/** Where a stream's chain first fails, and how. */
export type ChainBreak = Readonly<{
  revision: bigint;
  /** The event found there; undefined when none is (a truncated stream). */
  eventId: string | undefined;
  kind: ChainBreakKind;
  detail: string;
}>;

/** The events a stream holds from before it was chained: never a break. */
export type BeforeChain = Readonly<{ count: number; firstRevision: bigint; lastRevision: bigint }>;

export type ChainReport = Readonly<{
  streamName: string;
  /** Every event read. */
  events: number;
  /** Events whose link and hash were verified intact (up to the first break). */
  checked: number;
  /** The events without a hash before the first hashed one, if any. */
  beforeChain: BeforeChain | undefined;
  /** The last event read; undefined for an empty or missing stream. */
  head: ChainHead | undefined;
  firstBreak?: ChainBreak;
}>;
