/** Where a recently written event id went. */
export interface EventIdLocation {
  readonly streamId: number;
  readonly revision: number;
}

/**
 * A bounded memory of recently written event ids, for answering retried appends as already
 * written. Best effort by design, like EventStoreDB's own id cache.
 */
export class RecentEventIds {
  private readonly locations = new Map<string, EventIdLocation>();

  constructor(private readonly capacity: number) {}

  remember(id: Buffer, location: EventIdLocation): void {
    const key = id.toString('base64');
    this.locations.delete(key);
    this.locations.set(key, location);
    if (this.locations.size > this.capacity) {
      const oldest = this.locations.keys().next();
      if (oldest.done !== true) this.locations.delete(oldest.value);
    }
  }

  find(id: Buffer): EventIdLocation | undefined {
    return this.locations.get(id.toString('base64'));
  }
}
