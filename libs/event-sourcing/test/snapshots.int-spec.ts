import { EventStoreDBClient } from '@eventstore/db-client';
import {
  CommandRejectedError,
  eventContract,
  type Command,
  type EventOf,
} from '@hirestream/contracts';
import { Type } from '@sinclair/typebox';
import {
  CommandGateway,
  EventStore,
  readSnapshot,
  snapshotStreamName,
  StreamActivity,
  writeSnapshot,
  type Decider,
  type SnapshotPolicy,
} from '../src';
import { testContext, useEmbeddedStore } from './support/embedded-store';

const addedContract = eventContract({
  type: 'NumberAdded',
  owner: 'tests',
  description: 'test sum',
  schemaVersion: 1,
  data: { by: Type.Integer() },
});
type Added = EventOf<typeof addedContract>;
type Add = Command<'Add', { stream: string; by: number; limit: number }>;

const EVERY = 10;

const policy: SnapshotPolicy<number> = {
  name: 'sum',
  version: 2,
  every: EVERY,
  serialize: (total) => ({ total }),
  deserialize: (stored) => {
    const total = (stored as { total?: unknown }).total;
    if (typeof total !== 'number') throw new Error('not a sum');
    return total;
  },
};

const plainSum: Decider<number, Add, Added> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (total + command.data.by > command.data.limit)
      throw new CommandRejectedError('limit', 'over the limit');
    return { type: 'NumberAdded', data: { by: command.data.by } };
  },
};
const sum: Decider<number, Add, Added> = { ...plainSum, snapshots: policy };

const context = testContext;
const embedded = useEmbeddedStore('snapshots', [addedContract]);
let client: EventStoreDBClient;
let store: EventStore;
beforeAll(() => {
  ({ client, store } = embedded);
});

/**
 * A cold load, as a freshly started replica makes it (nothing kept in memory),
 * with the number of store reads it took.
 */
async function coldLoad(decider: Decider<number, Add, Added>, name: string) {
  const activity = new StreamActivity();
  let reads = 0;
  activity.subscribe((entry) => (reads += entry.kind === 'read' ? 1 : 0));
  const gateway = new CommandGateway(
    store,
    { name: 'sum', decider, streamOf: (command) => command.data.stream },
    { cacheSize: 0, activity },
  );
  const loaded = await gateway.load(name);
  await gateway.snapshotsWritten();
  return { ...loaded, reads };
}
async function load(decider: Decider<number, Add, Added>, name: string) {
  const { state, revision } = await coldLoad(decider, name);
  return { state, revision };
}

let streams = 0;
const newStream = () => `sum-${Date.now()}-${(streams += 1)}`;

/** A stream of `count` events adding 1 each. */
async function streamOf(count: number): Promise<string> {
  const name = newStream();
  const events: Added[] = Array.from({ length: count }, () => ({
    type: 'NumberAdded',
    data: { by: 1 },
  }));
  await store.append(name, events, undefined, context);
  return name;
}

async function eventIdAt(name: string, revision: bigint): Promise<string> {
  const { events } = await store.readStream<Added>(name, { fromRevision: revision });
  return events[0].metadata.eventId;
}

describe('snapshots', () => {
  it('stores a snapshot once a load folded `every` events, and later loads start from it', async () => {
    const name = await streamOf(25);
    expect(await load(sum, name)).toEqual({ state: 25, revision: 24n });
    const stored = await readSnapshot(client, 'sum', name);
    expect(stored).toMatchObject({ version: 2, revision: 24n, state: { total: 25 } });
    expect(stored?.eventId).toBe(await eventIdAt(name, 24n));

    // A snapshot claiming another total at that very event shows the load starts from it.
    await writeSnapshot(client, 'sum', name, { ...stored!, state: { total: 1_000 } });
    await store.append(name, [{ type: 'NumberAdded', data: { by: 5 } }], 24n, context);
    expect(await load(sum, name)).toEqual({ state: 1_005, revision: 25n });
  });

  it('keeps the snapshots of two deciders folding one stream apart', async () => {
    const doubled: Decider<number, Add, Added> = {
      ...plainSum,
      evolve: (total, event) => total + 2 * event.data.by,
      snapshots: { ...policy, name: 'doubled' },
    };
    const name = await streamOf(EVERY);
    expect((await load(sum, name)).state).toBe(EVERY);
    expect((await load(doubled, name)).state).toBe(2 * EVERY);
    expect((await load(sum, name)).state).toBe(EVERY);
    expect((await load(doubled, name)).state).toBe(2 * EVERY);
    expect(await readSnapshot(client, 'doubled', name)).toMatchObject({ state: { total: 20 } });
  });

  it('stores no snapshot for a short stream or a decider that did not opt in', async () => {
    const short = await streamOf(EVERY - 1);
    expect(await load(sum, short)).toEqual({ state: EVERY - 1, revision: 8n });
    const long = await streamOf(EVERY * 3);
    expect(await load(plainSum, long)).toEqual({ state: EVERY * 3, revision: 29n });
    expect(await readSnapshot(client, 'sum', short)).toBeUndefined();
    expect(await readSnapshot(client, 'sum', long)).toBeUndefined();
  });

  it('ignores a snapshot of another state version and replaces it', async () => {
    const name = await streamOf(12);
    const eventId = await eventIdAt(name, 11n);
    await writeSnapshot(client, 'sum', name, { version: 1, revision: 11n, eventId, state: 500 });
    expect(await load(sum, name)).toEqual({ state: 12, revision: 11n });
    expect(await readSnapshot(client, 'sum', name)).toMatchObject({
      version: 2,
      state: { total: 12 },
    });
    const kept: unknown[] = [];
    for await (const resolved of client.readStream(snapshotStreamName('sum', name)))
      kept.push(resolved);
    expect(kept).toHaveLength(1);
  });

  it('reads a stream shorter than the snapshot interval at once, without looking for a snapshot', async () => {
    const short = await streamOf(EVERY - 1);
    expect(await coldLoad(sum, short)).toEqual({ state: EVERY - 1, revision: 8n, reads: 1 });
    const long = await streamOf(EVERY + 2);
    // The head, the snapshot, then from the snapshot on.
    expect(await coldLoad(sum, long)).toMatchObject({ state: EVERY + 2, reads: 3 });
  });

  it('ignores a snapshot ahead of the stream', async () => {
    const name = await streamOf(EVERY + 3);
    const eventId = await eventIdAt(name, 2n);
    await writeSnapshot(client, 'sum', name, {
      version: 2,
      revision: 40n,
      eventId,
      state: { total: 41 },
    });
    expect(await load(sum, name)).toEqual({ state: EVERY + 3, revision: 12n });
  });

  it('ignores a snapshot taken after another event than the stream holds at its revision', async () => {
    const name = await streamOf(EVERY + 3);
    await writeSnapshot(client, 'sum', name, {
      version: 2,
      revision: 1n,
      eventId: '00000000-0000-4000-8000-000000000000',
      state: { total: 99 },
    });
    expect(await load(sum, name)).toEqual({ state: EVERY + 3, revision: 12n });
  });

  it('ignores a snapshot whose state does not deserialize', async () => {
    const name = await streamOf(EVERY + 3);
    const eventId = await eventIdAt(name, 2n);
    await writeSnapshot(client, 'sum', name, {
      version: 2,
      revision: 2n,
      eventId,
      state: 'garbage',
    });
    expect(await load(sum, name)).toEqual({ state: EVERY + 3, revision: 12n });
  });

  it('lets commands decide on the snapshot and its tail, conflicts included', async () => {
    const name = await streamOf(EVERY);
    await load(sum, name);
    const gateway = new CommandGateway(
      store,
      { name: 'sum', decider: sum, streamOf: (command) => command.data.stream },
      { maxAttempts: 10 },
    );
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        gateway.handle({ type: 'Add', data: { stream: name, by: 1, limit: 13 } }, context).then(
          (result) => result.state,
          (error: unknown) => error,
        ),
      ),
    );
    expect(results.filter((r) => r instanceof CommandRejectedError)).toHaveLength(1);
    expect(await load(sum, name)).toEqual({ state: 13, revision: 12n });
  });
});
