/** Where a recently written event id went. */
export interface EventIdLocation {
  readonly streamId: number;
  readonly revision: number;
}

interface RememberedLocation extends EventIdLocation {
  /** The ring slot that holds this id, so a later eviction of that slot can tell it is still ours. */
  readonly slot: number;
}

/**
 * A bounded memory of recently written event ids, for answering retried appends as already
 * written. Best effort by design, like EventStoreDB's own id cache. Ids leave in insertion
 * order through a ring of slots: evicting through a Map iterator would rescan the holes that
 * earlier deletions leave at the front of V8's hash table, making every insert slower.
 */
export class RecentEventIds {
  private readonly locations = new Map<string, RememberedLocation>();
  private readonly ring: Array<string | undefined>;
  private nextSlot = 0;

  constructor(capacity: number) {
    this.ring = new Array<string | undefined>(capacity).fill(undefined);
  }

  remember(id: Buffer, location: EventIdLocation): void {
    const key = id.toString('base64');
    const slot = this.nextSlot;
    const evicted = this.ring[slot];
    if (evicted !== undefined && this.locations.get(evicted)?.slot === slot)
      this.locations.delete(evicted);
    this.ring[slot] = key;
    this.locations.set(key, { streamId: location.streamId, revision: location.revision, slot });
    this.nextSlot = (slot + 1) % this.ring.length;
  }

  find(id: Buffer): EventIdLocation | undefined {
    return this.locations.get(id.toString('base64'));
  }
}
