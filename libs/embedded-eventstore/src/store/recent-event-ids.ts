/** Where a recently written event id went. */
export interface EventIdLocation {
  readonly streamId: number;
  readonly revision: number;
}

/**
 * A bounded memory of recently written event ids, for answering retried appends as already
 * written. Best effort by design, like EventStoreDB's own id cache. Ids leave in insertion
 * order through a ring of slots: evicting through a Map iterator would rescan the holes that
 * earlier deletions leave at the front of V8's hash table, making every insert slower.
 * Each id maps to its ring slot, and the slot's location lives in typed arrays: no object per
 * id, and a 16-character key rather than 24 characters of base64.
 */
export class RecentEventIds {
  private readonly slots = new Map<string, number>();
  private readonly ring: Array<string | undefined>;
  private readonly streamIds: Uint32Array;
  private readonly revisions: Float64Array;
  private nextSlot = 0;

  constructor(capacity: number) {
    this.ring = new Array<string | undefined>(capacity).fill(undefined);
    this.streamIds = new Uint32Array(capacity);
    this.revisions = new Float64Array(capacity);
  }

  remember(id: Buffer, location: EventIdLocation): void {
    const key = id.toString('latin1');
    const slot = this.nextSlot;
    const evicted = this.ring[slot];
    // The evicted id may have been remembered again since, in a newer slot that stays.
    if (evicted !== undefined && this.slots.get(evicted) === slot) this.slots.delete(evicted);
    this.ring[slot] = key;
    this.slots.set(key, slot);
    this.streamIds[slot] = location.streamId;
    this.revisions[slot] = location.revision;
    this.nextSlot = (slot + 1) % this.ring.length;
  }

  find(id: Buffer): EventIdLocation | undefined {
    const slot = this.slots.get(id.toString('latin1'));
    if (slot === undefined) return undefined;
    return { streamId: this.streamIds[slot], revision: this.revisions[slot] };
  }
}
