import type { Command, Event } from '@hirestream/contracts';
import type { ChainHead } from '../chain/chain-report';
import { foldEvents, type Decider } from '../decider/decider';
import { noteSubjects } from '../store/event-serializer';
import type { EventStore, StreamPoint, StreamRead } from '../store/event-store';
import {
  sealedSnapshot,
  usableSnapshot,
  writeSnapshot,
  type SnapshotPolicy,
} from '../store/snapshots';
import { LoadedStateCache } from './loaded-state-cache';

/** A stream folded with a decider; revision undefined: no such stream. */
export type LoadedStream<State> = Readonly<{ state: State; revision: bigint | undefined }>;

/** A loaded stream with its chain head: the last event read and its stored hash. */
export type LoadedChain<State> = LoadedStream<State> &
  Readonly<{ chainHead: ChainHead | undefined }>;

type FoldingDecider<State, E extends Event> = Pick<
  Decider<State, Command, E>,
  'evolve' | 'initialState' | 'eventTypes' | 'snapshots'
>;

/** What a fold starts from: the initial state, or a state taken after the event at `revision`. */
type FoldBase<State> = Readonly<{
  state: State;
  foldedSinceSnapshot: number;
  revision?: bigint;
  eventId?: string;
  hash?: string;
  keyIds?: readonly string[];
}>;

/**
 * Reads a stream and folds it, reading as little as it can: from the state it
 * last saw of the stream (kept in memory), else in one read for a stream shorter
 * than the decider's snapshot interval, else from the newest usable snapshot and
 * the events after it. Only the event types the decider folds are decoded; the
 * chain head is the last event read, whether decoded or passed over.
 * Stores a snapshot once `every` events were read since the last one, without
 * making the load wait for it (`snapshotsWritten` does). Calls
 * `onRead` for every read of the store.
 * A state holding personal values keeps the keys they were sealed under: it is
 * not used once any is erased (the stream is folded again, the values reading
 * `[erased]`), and its snapshot is stored sealed under them all.
 */
export class StreamLoader<State, E extends Event> {
  private readonly cache: LoadedStateCache<State>;
  private readonly snapshotWrites = new Set<Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly decider: FoldingDecider<State, E>,
    cacheSize: number,
    private readonly onRead: (streamName: string) => void,
  ) {
    this.cache = new LoadedStateCache(cacheSize);
  }

  async load(streamName: string): Promise<LoadedChain<State>> {
    let cached = this.cache.get(streamName);
    if (cached !== undefined && (await this.store.serializer.vault?.anyErased(cached.keyIds))) {
      this.cache.delete(streamName);
      cached = undefined;
    }
    if (cached !== undefined) {
      const tail = await this.read(streamName, cached.revision);
      if (startsAt(tail, cached)) return this.fold(streamName, cached, tail);
      // The stream was deleted or written anew since: forget what was kept.
      this.cache.delete(streamName);
    }
    const start = { state: this.decider.initialState(), foldedSinceSnapshot: 0, keyIds: [] };
    const policy = this.decider.snapshots;
    if (policy === undefined) return this.fold(streamName, start, await this.read(streamName));
    const head = await this.read(streamName, undefined, policy.every);
    if (head.count < policy.every) return this.fold(streamName, start, head);
    return this.loadLong(streamName, policy, head);
  }

  /**
   * Keeps the state a command's append left the stream in, for the next load;
   * `keyIds` are the appended events' (the kept state's are added).
   */
  remember(
    streamName: string,
    loaded: Readonly<{
      state: State;
      revision: bigint;
      eventId: string;
      hash: string | undefined;
      foldedSinceSnapshot: number;
      keyIds: readonly string[];
    }>,
  ): void {
    const keyIds = unionOf(this.cache.get(streamName)?.keyIds ?? [], loaded.keyIds);
    this.cache.set(streamName, { ...loaded, keyIds });
  }

  /** Resolves once every snapshot being written has been written (or given up). */
  async snapshotsWritten(): Promise<void> {
    await Promise.all(this.snapshotWrites);
  }

  /** Read since the last snapshot, as the cache knows it (0 for a stream not kept). */
  foldedSinceSnapshot(streamName: string): number {
    return this.cache.get(streamName)?.foldedSinceSnapshot ?? 0;
  }

  private async loadLong(
    streamName: string,
    policy: SnapshotPolicy<State>,
    head: StreamRead<E>,
  ): Promise<LoadedChain<State>> {
    this.onRead(streamName);
    const snapshot = await usableSnapshot(
      this.store.client,
      policy,
      streamName,
      this.store.serializer.vault,
    );
    if (snapshot !== undefined) {
      const tail = await this.read(streamName, snapshot.revision);
      if (startsAt(tail, snapshot)) {
        return this.fold(streamName, { ...snapshot, foldedSinceSnapshot: 0 }, tail);
      }
    }
    const rest = await this.read(streamName, BigInt(head.count));
    return this.fold(
      streamName,
      { state: this.decider.initialState(), foldedSinceSnapshot: 0 },
      {
        events: [...head.events, ...rest.events],
        revision: rest.revision ?? head.revision,
        first: head.first,
        last: rest.last ?? head.last,
        count: head.count + rest.count,
      },
    );
  }

  private async read(
    streamName: string,
    fromRevision?: bigint,
    maxCount?: number,
  ): Promise<StreamRead<E>> {
    this.onRead(streamName);
    return this.store.readStream<E>(streamName, {
      fromRevision,
      maxCount,
      types: this.decider.eventTypes,
    });
  }

  /**
   * Folds what was read onto `base` (the start, a snapshot or a kept state;
   * a read from a base's revision starts with the event the base already holds),
   * keeps the result, and stores a snapshot once `every` events were read since
   * the last one (also when this process appended them).
   */
  private async fold(
    streamName: string,
    base: FoldBase<State>,
    read: StreamRead<E>,
  ): Promise<LoadedChain<State>> {
    const after = base.revision;
    const unfolded =
      after === undefined ? read.events : read.events.filter((e) => e.revision > after);
    const state = foldEvents(
      this.decider,
      unfolded.map((recorded) => recorded.event),
      base.state,
    );
    const keyIds = unionOf(
      base.keyIds ?? [],
      unfolded.flatMap((recorded) => recorded.personalData?.keyIds ?? []),
    );
    const last = read.last ?? base;
    const { revision, eventId, hash } = last;
    if (revision === undefined || eventId === undefined) {
      return { state, revision: undefined, chainHead: undefined };
    }
    const readAfterBase = after === undefined ? read.count : read.count - 1;
    let foldedSinceSnapshot = base.foldedSinceSnapshot + readAfterBase;
    const policy = this.decider.snapshots;
    if (policy !== undefined && foldedSinceSnapshot >= policy.every) {
      // Off the command's path: a snapshot only shortens later cold loads, and writing
      // it (an append, and the side stream's metadata the first time) costs fsyncs.
      const written = this.storeSnapshot(streamName, policy, state, keyIds, {
        revision,
        eventId,
        hash,
      }).finally(() => this.snapshotWrites.delete(written));
      this.snapshotWrites.add(written);
      foldedSinceSnapshot = 0;
    }
    this.cache.set(streamName, { state, revision, eventId, hash, foldedSinceSnapshot, keyIds });
    // A state kept or from a snapshot holds personal values its events were not read for now.
    noteSubjects(keyIds);
    return { state, revision, chainHead: { revision, hash } };
  }

  private async storeSnapshot(
    streamName: string,
    policy: SnapshotPolicy<State>,
    state: State,
    keyIds: readonly string[],
    { revision, eventId, hash }: StreamPoint,
  ): Promise<void> {
    try {
      const snapshot = {
        version: policy.version,
        revision,
        eventId,
        ...(hash === undefined ? {} : { hash }),
        ...(keyIds.length === 0 ? {} : { keyIds }),
        state: policy.serialize(state),
      };
      const { vault } = this.store.serializer;
      await writeSnapshot(
        this.store.client,
        policy.name,
        streamName,
        vault === undefined ? snapshot : await sealedSnapshot(vault, policy.name, snapshot),
      );
    } catch {
      // The load itself succeeded; without this snapshot the next cold load reads more events.
    }
  }
}

/**
 * Whether a read from `point.revision` on starts with the very event `point` names:
 * same id and same stored chain hash (an event changed in place is not the one kept).
 */
function startsAt(
  read: StreamRead<Event>,
  point: Readonly<{ revision: bigint; eventId: string; hash?: string }>,
): boolean {
  return (
    read.first?.revision === point.revision &&
    read.first.eventId === point.eventId &&
    read.first.hash === point.hash
  );
}

/** The ids of both lists, each once. */
function unionOf(first: readonly string[], second: readonly string[]): readonly string[] {
  return second.every((id) => first.includes(id))
    ? first
    : [...new Set([...first, ...second])].sort();
}
