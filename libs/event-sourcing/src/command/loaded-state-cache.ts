/**
 * A stream as folded: the state after the event at `revision`, whose id is `eventId`
 * and whose stored chain hash is `hash` (undefined: it has none).
 */
export type LoadedState<State> = Readonly<{
  state: State;
  revision: bigint;
  eventId: string;
  hash: string | undefined;
  /** Events folded since the last snapshot was stored (or since the start). */
  foldedSinceSnapshot: number;
  /** The data keys of the personal values folded into the state (see `StreamLoader`). */
  keyIds: readonly string[];
}>;

/**
 * The states a gateway last loaded or wrote, newest used kept, so that the next
 * command on a stream reads only what was appended since (usually nothing)
 * instead of a snapshot and a tail. Only a shortcut: the stream is always read
 * from the cached revision on, and the cached event (its id and hash) must still be there.
 * States are never changed in place (deciders' `evolve` returns new states), so
 * sharing them is safe.
 */
export class LoadedStateCache<State> {
  private readonly entries = new Map<string, LoadedState<State>>();

  constructor(private readonly capacity: number) {}

  get(streamName: string): LoadedState<State> | undefined {
    const entry = this.entries.get(streamName);
    if (entry !== undefined) {
      this.entries.delete(streamName);
      this.entries.set(streamName, entry);
    }
    return entry;
  }

  /** Keeps `loaded` unless a newer revision of the stream is kept already. */
  set(streamName: string, loaded: LoadedState<State>): void {
    if (this.capacity === 0) return;
    const current = this.entries.get(streamName);
    if (current !== undefined && current.revision > loaded.revision) return;
    this.entries.delete(streamName);
    this.entries.set(streamName, loaded);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(streamName: string): void {
    this.entries.delete(streamName);
  }
}
