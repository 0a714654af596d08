/** One append this process made: where, which event types, and its commit position in `$all`. */
export type OwnWrite = Readonly<{
  streamName: string;
  eventTypes: readonly string[];
  position: bigint;
}>;

/** How long a write is remembered: reads wait for their own writes at most this long anyway. */
const REMEMBER_MS = 30_000;

/**
 * The appends this process made lately, so that a read served from a
 * projection can wait until the projection has seen the caller's own writes.
 * The write side only notes positions here; it knows nothing of read models.
 */
export class OwnWrites {
  private readonly latestByStream = new Map<string, { write: OwnWrite; at: number }>();

  note(write: OwnWrite): void {
    const now = Date.now();
    this.latestByStream.delete(write.streamName);
    this.latestByStream.set(write.streamName, { write, at: now });
    // Insertion order is time order: drop what is too old to be waited for.
    for (const [streamName, entry] of this.latestByStream) {
      if (now - entry.at < REMEMBER_MS) break;
      this.latestByStream.delete(streamName);
    }
  }

  /**
   * The highest position among the remembered writes that `selects` picks
   * (to one stream, or to any), or undefined when there is none to wait for.
   */
  latestPosition(selects: (write: OwnWrite) => boolean, streamName?: string): bigint | undefined {
    const entries =
      streamName === undefined
        ? [...this.latestByStream.values()]
        : [this.latestByStream.get(streamName)].filter((entry) => entry !== undefined);
    let latest: bigint | undefined;
    for (const { write } of entries) {
      if (selects(write) && (latest === undefined || write.position > latest)) {
        latest = write.position;
      }
    }
    return latest;
  }
}
