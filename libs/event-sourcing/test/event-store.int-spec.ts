import { EventStoreDBClient, eventTypeFilter, jsonEvent } from '@eventstore/db-client';
import { type Command, type Event, type EventContract } from '@hirestream/contracts';
import { startEventStoreServer } from '@hirestream/embedded-eventstore';
import {
  CatchUpSubscription,
  CheckpointStore,
  CommandRejectedError,
  EventStore,
  ExpectedRevisionMismatchError,
  handleCommand,
  loadStream,
  type Decider,
} from '../src';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { testContext, useEmbeddedStore } from './support/embedded-store';

type Incremented = Event<'CounterIncremented', { by: number }>;
type Increment = Command<'Increment', { by: number; limit: number }>;

const counterContract: EventContract<Incremented> = {
  type: 'CounterIncremented',
  owner: 'tests',
  description: 'test counter',
  schemaVersion: 1,
  schema: { type: 'object' },
  upcasters: [],
};

const counter: Decider<number, Increment, Incremented> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (total + command.data.by > command.data.limit)
      throw new CommandRejectedError('limit', 'over the limit');
    return { type: 'CounterIncremented', data: { by: command.data.by } };
  },
};

const context = testContext;
const embedded = useEmbeddedStore('event-sourcing', [counterContract]);
let client: EventStoreDBClient;
let store: EventStore;
beforeAll(() => {
  ({ client, store } = embedded);
});

const stream = (name: string) => `counter-${name}-${Date.now()}`;
const increment = (by = 1, limit = 1_000): Increment => ({
  type: 'Increment',
  data: { by, limit },
});

describe('handleCommand', () => {
  it('loses nothing under concurrent commands: each conflict re-reads and decides again', async () => {
    const name = stream('concurrent');
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        handleCommand(store, counter, name, increment(), context, { maxAttempts: 20 }),
      ),
    );
    expect(results.map((r) => r.revision).sort((a, b) => Number(a! - b!))).toEqual(
      Array.from({ length: 12 }, (_, i) => BigInt(i)),
    );
    const { events, revision } = await store.readStream<Incremented>(name);
    expect(events).toHaveLength(12);
    expect(revision).toBe(11n);
  });

  it('decides again on a conflict, so a rule is checked against the newest history', async () => {
    const name = stream('limit');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        handleCommand(store, counter, name, increment(1, 3), context, { maxAttempts: 20 }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.every((o) => o.reason instanceof CommandRejectedError)).toBe(true);
  });

  it("honours the caller's expected revision without retrying", async () => {
    const name = stream('if-match');
    await handleCommand(store, counter, name, increment(), context);
    await expect(
      handleCommand(store, counter, name, increment(), context, { expectedRevision: 5n }),
    ).rejects.toMatchObject({
      constructor: ExpectedRevisionMismatchError,
      expected: 5n,
      actual: 0n,
    });
    const applied = await handleCommand(store, counter, name, increment(), context, {
      expectedRevision: 0n,
    });
    expect(applied.revision).toBe(1n);
    expect(applied.newState).toBe(2);
  });

  it('skips the first read for a new stream, and still decides on the real history when the stream exists', async () => {
    const fresh = await handleCommand(store, counter, stream('new'), increment(), context, {
      streamIsNew: true,
    });
    expect(fresh.revision).toBe(0n);
    const name = stream('not-new');
    await handleCommand(store, counter, name, increment(5), context);
    const existing = await handleCommand(store, counter, name, increment(), context, {
      streamIsNew: true,
    });
    expect(existing.revision).toBe(1n);
    expect(existing.newState).toBe(6);
  });

  it('decides on the state the caller loaded without reading it again', async () => {
    const name = stream('loaded');
    await handleCommand(store, counter, name, increment(5), context);
    const loaded = await loadStream(store, counter, name);
    const reads = jest.spyOn(store, 'readStream');
    try {
      const applied = await handleCommand(store, counter, name, increment(), context, { loaded });
      expect(applied).toMatchObject({ newState: 6, revision: 1n });
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('reads and decides again when the stream moved on since it was loaded, unless the caller expected that revision', async () => {
    const name = stream('loaded-stale');
    await handleCommand(store, counter, name, increment(5), context);
    const loaded = await loadStream(store, counter, name);
    await handleCommand(store, counter, name, increment(), context);

    await expect(
      handleCommand(store, counter, name, increment(), context, {
        loaded,
        expectedRevision: 0n,
      }),
    ).rejects.toMatchObject({
      constructor: ExpectedRevisionMismatchError,
      expected: 0n,
      actual: 1n,
    });
    // The rule is checked against the newest history (6), not the loaded one (5).
    await expect(
      handleCommand(store, counter, name, increment(1, 6), context, { loaded }),
    ).rejects.toBeInstanceOf(CommandRejectedError);
    const applied = await handleCommand(store, counter, name, increment(), context, { loaded });
    expect(applied).toMatchObject({ newState: 7, revision: 2n });
  });

  it('writes the metadata every event carries and reads it back', async () => {
    const name = stream('metadata');
    await handleCommand(store, counter, name, increment(7), context, {
      occurredAt: new Date('2026-01-02T03:04:05Z'),
    });
    const [recorded] = (await store.readStream<Incremented>(name)).events;
    expect(recorded.metadata).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      occurredAt: '2026-01-02T03:04:05.000Z',
      actor: { id: 'tester', role: 'admin' },
      correlationId: 'corr',
      causationId: 'cause',
      schemaVersion: 1,
    });
    expect(recorded.event).toEqual({ type: 'CounterIncremented', data: { by: 7 } });
    expect(typeof recorded.revision).toBe('bigint');
  });
});

describe('CatchUpSubscription', () => {
  it('resumes after its durable checkpoint, delivering only what it had not handled', async () => {
    const type = `Marked${Date.now()}`;
    const name = `sub-${Date.now()}`;
    const append = (n: number) =>
      client.appendToStream(
        `marks-${name}`,
        Array.from({ length: n }, (_, i) => jsonEvent({ type, data: { i } })),
      );
    const seen: number[] = [];
    const run = async () => {
      const subscription = new CatchUpSubscription({
        name,
        client,
        filter: eventTypeFilter({ prefixes: [type] }),
        checkpoints: new CheckpointStore(client, name),
        handle: async (events) => {
          for (const e of events) seen.push((e.event?.data as { i: number }).i);
        },
      });
      subscription.start();
      await subscription.whenCaughtUp();
      await subscription.stop();
    };

    await append(5);
    await run();
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    await append(3);
    await run();
    expect(seen).toEqual([0, 1, 2, 3, 4, 0, 1, 2]);
  });

  it('resubscribes after the server went away and came back, missing nothing', async () => {
    const dir = await makeTempDir('resubscribe');
    let restartable = await startEventStoreServer({ port: 0, dataDir: dir });
    const port = restartable.port;
    const own = EventStoreDBClient.connectionString`${restartable.connectionString}`;
    const seen: string[] = [];
    const subscription = new CatchUpSubscription({
      name: 'resubscribe',
      client: own,
      filter: eventTypeFilter({ prefixes: ['Ping'] }),
      initialBackoffMs: 50,
      maxBackoffMs: 200,
      handle: async (events) => {
        for (const e of events) seen.push(e.event!.id);
      },
    });
    try {
      await own.appendToStream('pings', jsonEvent({ type: 'Ping', data: {} }));
      subscription.start();
      await subscription.whenCaughtUp();
      await restartable.close();
      restartable = await startEventStoreServer({ port, dataDir: dir });
      await own.appendToStream('pings', jsonEvent({ type: 'Ping', data: {} }));
      for (let tries = 0; seen.length < 2 && tries < 200; tries += 1)
        await new Promise((r) => setTimeout(r, 25));
      expect(seen).toHaveLength(2);
      expect(new Set(seen).size).toBe(2);
    } finally {
      await subscription.stop();
      await own.dispose();
      await restartable.close();
      await removeTempDir(dir);
    }
  });
});
