import type { PersonalDataVault } from '@hirestream/personal-data';
import {
  BACKWARDS,
  END,
  jsonEvent,
  StreamNotFoundError,
  type EventStoreDBClient,
} from '@eventstore/db-client';

/**
 * A decider's opt-in to snapshots: its folded state, stored now and then in a
 * side stream so a long stream is rebuilt from the snapshot and its tail.
 */
export type SnapshotPolicy<State> = Readonly<{
  /**
   * Names this decider's snapshots: deciders sharing a stream (every service folds the
   * candidate's) each keep their own.
   */
  name: string;
  /**
   * Bump it whenever the state's shape, `evolve` or the decider's `eventTypes` change:
   * snapshots of another version are ignored.
   */
  version: number;
  /** A load that folded at least this many events past the last snapshot stores a new one. */
  every: number;
  /** The state as a JSON value. */
  serialize: (state: State) => unknown;
  /** The state back from `serialize`'s value; may throw, and the snapshot is then ignored. */
  deserialize: (stored: unknown) => State;
}>;

/**
 * Where a snapshot's state stands: after the event at `revision`, whose id is `eventId`
 * and whose chain hash is `hash` (absent when that event has none, or the snapshot was
 * stored before the chain).
 */
export type Snapshot = Readonly<{
  version: number;
  revision: bigint;
  eventId: string;
  hash?: string;
  state: unknown;
  /**
   * The data keys of the personal values folded into the state: stored sealed
   * under them all, so it becomes unreadable (and is ignored) once any is erased.
   */
  keyIds?: readonly string[];
}>;

type StoredSnapshot = {
  version: number;
  revision: string;
  eventId: string;
  hash?: string;
  state: unknown;
  keyIds?: readonly string[];
};

const SNAPSHOT_EVENT_TYPE = 'SnapshotStored';

/** A prefix of its own: a stream-prefix subscription to the source streams must not see these. */
export function snapshotStreamName(policyName: string, streamName: string): string {
  return `snapshot-${policyName}-${streamName}`;
}

function isStoredSnapshot(data: unknown): data is StoredSnapshot {
  if (typeof data !== 'object' || data === null) return false;
  const candidate = data as Partial<StoredSnapshot>;
  return (
    typeof candidate.version === 'number' &&
    typeof candidate.revision === 'string' &&
    /^\d+$/.test(candidate.revision) &&
    typeof candidate.eventId === 'string' &&
    (candidate.hash === undefined || typeof candidate.hash === 'string') &&
    (candidate.keyIds === undefined ||
      (Array.isArray(candidate.keyIds) &&
        candidate.keyIds.every((id) => typeof id === 'string'))) &&
    'state' in candidate
  );
}

/** The newest snapshot of a stream, if any is stored and readable. */
export async function readSnapshot(
  client: EventStoreDBClient,
  policyName: string,
  streamName: string,
): Promise<Snapshot | undefined> {
  let stored: unknown;
  try {
    // Consumed to its end, never left early: see the README.
    for await (const resolved of client.readStream(snapshotStreamName(policyName, streamName), {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    })) {
      stored = resolved.event?.data;
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
  if (!isStoredSnapshot(stored)) return undefined;
  return { ...stored, revision: BigInt(stored.revision) };
}

/** Stores a snapshot; the side stream keeps only the newest one. */
export async function writeSnapshot(
  client: EventStoreDBClient,
  policyName: string,
  streamName: string,
  snapshot: Snapshot,
): Promise<void> {
  const name = snapshotStreamName(policyName, streamName);
  const data: StoredSnapshot = { ...snapshot, revision: snapshot.revision.toString() };
  const { nextExpectedRevision } = await client.appendToStream(
    name,
    jsonEvent({ type: SNAPSHOT_EVENT_TYPE, data }),
  );
  if (nextExpectedRevision === 0n) await client.setStreamMetadata(name, { maxCount: 1 });
}

/** Where a snapshot's sealed state is bound: its policy and the event it stands after. */
function snapshotLocation(policyName: string, eventId: string) {
  return { eventId, path: `/snapshots/${policyName}` };
}

/** The snapshot with its state sealed under its `keyIds` (as is for none). */
export async function sealedSnapshot(
  vault: PersonalDataVault,
  policyName: string,
  snapshot: Snapshot,
): Promise<Snapshot> {
  const keyIds = snapshot.keyIds ?? [];
  if (keyIds.length === 0) return snapshot;
  const at = snapshotLocation(policyName, snapshot.eventId);
  return { ...snapshot, state: await vault.sealValue(snapshot.state, keyIds, at) };
}

/**
 * The newest snapshot if it is of the policy's version and its state opens (with
 * `vault`, when it was sealed) and deserializes. A snapshot that cannot be read (a
 * tombstoned side stream, a failing read, a key erased) is no snapshot: it is only
 * a shortcut, and the stream itself is read instead.
 */
export async function usableSnapshot<State>(
  client: EventStoreDBClient,
  policy: SnapshotPolicy<State>,
  streamName: string,
  vault: PersonalDataVault | undefined,
): Promise<(Snapshot & Readonly<{ state: State }>) | undefined> {
  const snapshot = await readSnapshot(client, policy.name, streamName).catch(() => undefined);
  if (snapshot === undefined || snapshot.version !== policy.version) return undefined;
  try {
    let state = snapshot.state;
    if ((snapshot.keyIds ?? []).length > 0) {
      if (vault === undefined || (await vault.anyErased(snapshot.keyIds ?? []))) return undefined;
      const at = snapshotLocation(policy.name, snapshot.eventId);
      [state] = await vault.openValues([{ sealed: state, at }]);
    }
    return { ...snapshot, state: policy.deserialize(state) };
  } catch {
    return undefined;
  }
}
