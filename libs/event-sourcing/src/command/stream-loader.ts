import type { Command, Event } from '@hirestream/contracts';
import { foldEvents, type Decider } from '../decider/decider';
import type { EventStore } from '../store/event-store';
import type { RecordedEvent } from '../store/recorded-event';
import { usableSnapshot, writeSnapshot, type SnapshotPolicy } from '../store/snapshots';
import { LoadedStateCache, type LoadedState } from './loaded-state-cache';

/** A stream folded with a decider; revision undefined: no such stream. */
export type LoadedStream<State> = Readonly<{ state: State; revision: bigint | undefined }>;

type FoldingDecider<State, E extends Event> = Pick<
  Decider<State, Command, E>,
  'evolve' | 'initialState' | 'eventTypes' | 'snapshots'
>;

/**
 * Reads a stream and folds it, reading as little as it can: from the state it
 * last saw of the stream (kept in memory), else in one read for a stream shorter
 * than the decider's snapshot interval, else from the newest usable snapshot and
 * the events after it. Stores a snapshot once `every` events were folded since
 * the last one. Calls `onRead` for every read of the store.
 */
export class StreamLoader<State, E extends Event> {
  private readonly cache: LoadedStateCache<State>;

  constructor(
    private readonly store: EventStore,
    private readonly decider: FoldingDecider<State, E>,
    cacheSize: number,
    private readonly onRead: (streamName: string) => void,
  ) {
    this.cache = new LoadedStateCache(cacheSize);
  }

  async load(streamName: string): Promise<LoadedStream<State>> {
    const cached = this.cache.get(streamName);
    if (cached !== undefined) {
      const [first, ...tail] = await this.read(streamName, cached.revision);
      if (first?.revision === cached.revision && first.metadata.eventId === cached.eventId) {
        return this.fold(streamName, cached, tail);
      }
      // The stream was deleted or written anew since: forget what was kept.
      this.cache.delete(streamName);
    }
    const start = { state: this.decider.initialState(), foldedSinceSnapshot: 0 };
    const policy = this.decider.snapshots;
    if (policy === undefined) {
      return this.fold(streamName, start, await this.read(streamName));
    }
    const head = await this.read(streamName, undefined, policy.every);
    if (head.length < policy.every) return this.fold(streamName, start, head);
    return this.loadLong(streamName, policy, head);
  }

  /** Keeps the state a command's append left the stream in, for the next load. */
  remember(streamName: string, loaded: LoadedState<State>): void {
    this.cache.set(streamName, loaded);
  }

  /** Folded since the last snapshot, as the cache knows it (0 for a stream not kept). */
  foldedSinceSnapshot(streamName: string): number {
    return this.cache.get(streamName)?.foldedSinceSnapshot ?? 0;
  }

  private async loadLong(
    streamName: string,
    policy: SnapshotPolicy<State>,
    head: readonly RecordedEvent<E>[],
  ): Promise<LoadedStream<State>> {
    this.onRead(streamName);
    const snapshot = await usableSnapshot(this.store.client, policy, streamName);
    if (snapshot !== undefined) {
      const [first, ...tail] = await this.read(streamName, snapshot.revision);
      if (first?.revision === snapshot.revision && first.metadata.eventId === snapshot.eventId) {
        return this.fold(streamName, { ...snapshot, foldedSinceSnapshot: 0 }, tail);
      }
    }
    const rest = await this.read(streamName, BigInt(head.length));
    return this.fold(streamName, { state: this.decider.initialState(), foldedSinceSnapshot: 0 }, [
      ...head,
      ...rest,
    ]);
  }

  private async read(
    streamName: string,
    fromRevision?: bigint,
    maxCount?: number,
  ): Promise<RecordedEvent<E>[]> {
    this.onRead(streamName);
    return (await this.store.readStream<E>(streamName, { fromRevision, maxCount })).events;
  }

  /**
   * Folds `events` onto `base` (the start, a snapshot or a kept state), keeps
   * the result, and stores a snapshot once `every` events were folded since the
   * last one (also when they were folded by this process's own appends).
   */
  private async fold(
    streamName: string,
    base: Readonly<{
      state: State;
      foldedSinceSnapshot: number;
      revision?: bigint;
      eventId?: string;
    }>,
    events: readonly RecordedEvent<E>[],
  ): Promise<LoadedStream<State>> {
    const state = foldEvents(
      this.decider,
      events.map((recorded) => recorded.event),
      base.state,
    );
    const last = events.at(-1);
    const revision = last?.revision ?? base.revision;
    const eventId = last?.metadata.eventId ?? base.eventId;
    if (revision === undefined || eventId === undefined) return { state, revision: undefined };
    let foldedSinceSnapshot = base.foldedSinceSnapshot + events.length;
    const policy = this.decider.snapshots;
    if (policy !== undefined && foldedSinceSnapshot >= policy.every) {
      await this.storeSnapshot(streamName, policy, state, revision, eventId);
      foldedSinceSnapshot = 0;
    }
    this.cache.set(streamName, { state, revision, eventId, foldedSinceSnapshot });
    return { state, revision };
  }

  private async storeSnapshot(
    streamName: string,
    policy: SnapshotPolicy<State>,
    state: State,
    revision: bigint,
    eventId: string,
  ): Promise<void> {
    try {
      await writeSnapshot(this.store.client, policy.name, streamName, {
        version: policy.version,
        revision,
        eventId,
        state: policy.serialize(state),
      });
    } catch {
      // The load itself succeeded; without this snapshot the next cold load reads more events.
    }
  }
}
