import { EventStoreDBClient, eventTypeFilter, jsonEvent } from '@eventstore/db-client';
import {
  CommandRejectedError,
  eventContract,
  type Command,
  type EventOf,
} from '@hirestream/contracts';
import { startEventStoreServer } from '@hirestream/embedded-eventstore';
import { Type } from '@sinclair/typebox';
import {
  CatchUpSubscription,
  CheckpointStore,
  CommandGateway,
  EventStore,
  ExpectedRevisionMismatchError,
  InvalidEventError,
  StreamActivity,
  StreamRevisionConflictError,
  type Aggregate,
  type StreamActivityEntry,
} from '../src';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { testContext, useEmbeddedStore } from './support/embedded-store';

const counterContract = eventContract({
  type: 'CounterIncremented',
  owner: 'tests',
  description: 'test counter',
  schemaVersion: 1,
  data: { counter: Type.String(), by: Type.Integer({ minimum: 1 }) },
});
type Incremented = EventOf<typeof counterContract>;
type Increment = Command<'Increment', { counter: string; by: number; limit: number }>;

const counter: Aggregate<number, Increment, Incremented> = {
  name: 'counter',
  streamOf: (command) => command.data.counter,
  decider: {
    initialState: () => 0,
    evolve: (total, event) => total + event.data.by,
    eventTypes: new Set(['CounterIncremented']),
    decide: (command, total) => {
      if (total + command.data.by > command.data.limit)
        throw new CommandRejectedError('limit', 'over the limit');
      return {
        type: 'CounterIncremented',
        data: { counter: command.data.counter, by: command.data.by },
      };
    },
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
const increment = (counter: string, by = 1, limit = 1_000): Increment => ({
  type: 'Increment',
  data: { counter, by, limit },
});

/** A gateway as a service replica holds it, with what it reports of each store call. */
function replica(options: { maxAttempts?: number; clock?: () => Date } = {}) {
  const activity = new StreamActivity();
  const calls: StreamActivityEntry[] = [];
  activity.subscribe((entry) => calls.push(entry));
  return { gateway: new CommandGateway(store, counter, { ...options, activity }), calls };
}

describe('CommandGateway', () => {
  it('loses nothing under concurrent commands: each conflict re-reads and decides again', async () => {
    const name = stream('concurrent');
    const { gateway } = replica({ maxAttempts: 20 });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => gateway.handle(increment(name), context)),
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
    const { gateway } = replica({ maxAttempts: 20 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => gateway.handle(increment(name, 1, 3), context)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.every((o) => o.reason instanceof CommandRejectedError)).toBe(true);
  });

  it("honours the caller's expected revision without retrying", async () => {
    const name = stream('if-match');
    const { gateway } = replica();
    await gateway.handle(increment(name), context);
    await expect(
      gateway.handle(increment(name), context, { expectedRevision: 5n }),
    ).rejects.toMatchObject({
      constructor: ExpectedRevisionMismatchError,
      expected: 5n,
      actual: 0n,
    });
    const applied = await gateway.handle(increment(name), context, { expectedRevision: 0n });
    expect(applied).toMatchObject({ revision: 1n, state: 2 });
  });

  it('skips the first read for a new stream, and still decides on the real history when the stream exists', async () => {
    const { gateway, calls } = replica();
    const fresh = await gateway.handle(increment(stream('new')), context, { streamIsNew: true });
    expect(fresh.revision).toBe(0n);
    expect(calls.map((c) => c.kind)).toEqual(['decide', 'append']);
    const name = stream('not-new');
    await replica().gateway.handle(increment(name, 5), context);
    const existing = await gateway.handle(increment(name), context, { streamIsNew: true });
    expect(existing).toMatchObject({ revision: 1n, state: 6 });
  });

  it('reads only what was appended since the state it kept, and decides on it once', async () => {
    const name = stream('kept');
    const { gateway, calls } = replica();
    await gateway.handle(increment(name, 5), context);
    calls.length = 0;
    const reads = jest.spyOn(store, 'readStream');
    try {
      expect(await gateway.handle(increment(name), context)).toMatchObject({
        state: 6,
        revision: 1n,
      });
      expect(reads).toHaveBeenCalledTimes(1);
      expect(reads.mock.calls[0][1]).toMatchObject({ fromRevision: 0n });
    } finally {
      reads.mockRestore();
    }
    expect(calls.map((c) => c.kind)).toEqual(['read', 'decide', 'append']);
  });

  it("decides on another replica's appends made since it kept the stream", async () => {
    const name = stream('two-replicas');
    const [one, two] = [replica(), replica()];
    await one.gateway.handle(increment(name, 5), context);
    await two.gateway.handle(increment(name, 1), context);
    // One's kept state says 5; the store says 6, and the limit rule sees 6.
    await expect(one.gateway.handle(increment(name, 1, 6), context)).rejects.toBeInstanceOf(
      CommandRejectedError,
    );
    expect(await one.gateway.handle(increment(name, 1), context)).toMatchObject({ state: 7 });
  });

  it('reads the whole stream again when the one it kept was deleted and written anew', async () => {
    const name = stream('rewritten');
    const { gateway } = replica();
    await gateway.handle(increment(name, 5), context);
    await client.deleteStream(name);
    await replica().gateway.handle(increment(name, 2), context);
    expect(await gateway.handle(increment(name, 1), context)).toMatchObject({ state: 3 });
  });

  it("passes over other services' events it does not fold, even at schema versions it does not know", async () => {
    const name = stream('shared');
    const { gateway } = replica();
    await gateway.handle(increment(name, 2), context);
    await client.appendToStream(
      name,
      jsonEvent({
        type: 'SomethingElseHappened',
        data: { shape: 'from a newer build' },
        metadata: { schemaVersion: 99 },
      }),
    );
    expect(await gateway.handle(increment(name, 1), context)).toMatchObject({
      state: 3,
      revision: 2n,
    });
    expect(await replica().gateway.load(name)).toEqual({ state: 3, revision: 2n });
  });

  it('appends a decision at the revision it was decided on, or reports who got in first', async () => {
    const name = stream('two-phase');
    const { gateway } = replica();
    await gateway.handle(increment(name), context);
    const decision = await gateway.decide(increment(name));
    const guarded = await gateway.decide(increment(name), { expectedRevision: 0n });
    await replica().gateway.handle(increment(name), context);
    await expect(gateway.append(decision, context)).rejects.toBeInstanceOf(
      StreamRevisionConflictError,
    );
    await expect(gateway.append(guarded, context)).rejects.toMatchObject({
      constructor: ExpectedRevisionMismatchError,
      expected: 0n,
      actual: 1n,
    });
  });

  it('refuses an event its contract refuses, and appends nothing', async () => {
    const name = stream('invalid');
    const { gateway } = replica();
    await expect(gateway.handle(increment(name, 0), context)).rejects.toMatchObject({
      constructor: InvalidEventError,
      eventType: 'CounterIncremented',
      problems: [expect.objectContaining({ field: 'by', rule: 'minimum' })],
    });
    expect((await store.readStream(name)).revision).toBeUndefined();
  });

  it('writes the metadata every event carries and reads it back', async () => {
    const name = stream('metadata');
    const { gateway } = replica({ clock: () => new Date('2026-01-02T03:04:05Z') });
    await gateway.handle(increment(name, 7), context);
    const [recorded] = (await store.readStream<Incremented>(name)).events;
    expect(recorded.metadata).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      occurredAt: '2026-01-02T03:04:05.000Z',
      actor: { id: 'tester', role: 'admin' },
      correlationId: 'corr',
      causationId: 'cause',
      schemaVersion: 1,
    });
    expect(recorded.event).toEqual({ type: 'CounterIncremented', data: { counter: name, by: 7 } });
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

  it('reports itself stalled on an event that keeps failing, once, and never skips it', async () => {
    const type = `Fragile${Date.now()}`;
    await client.appendToStream(
      `fragile-${type}`,
      [0, 1, 2].map((i) => jsonEvent({ type, data: { i } })),
    );
    let healthy = false;
    const handled: number[] = [];
    const logged: string[] = [];
    const stalls: string[] = [];
    const subscription = new CatchUpSubscription({
      name: `fragile-${type}`,
      client,
      filter: eventTypeFilter({ prefixes: [type] }),
      initialBackoffMs: 5,
      maxBackoffMs: 10,
      stallAfterAttempts: 3,
      onStall: (stall) => stalls.push(`${stall.streamName}@${stall.revision}`),
      logger: {
        warn: (message) => logged.push(`warn ${message}`),
        error: (message) => logged.push(`error ${message}`),
      },
      handle: async (events) => {
        for (const e of events) {
          const { i } = e.event?.data as { i: number };
          if (i === 1 && !healthy) throw new Error('cannot apply event 1');
          handled.push(i);
        }
      },
    });
    try {
      subscription.start();
      for (let tries = 0; subscription.stall === undefined && tries < 400; tries += 1)
        await new Promise((r) => setTimeout(r, 10));
      expect(subscription.stall).toMatchObject({
        subscription: `fragile-${type}`,
        streamName: `fragile-${type}`,
        revision: expect.any(String),
        eventType: type,
        reason: 'cannot apply event 1',
      });
      // Retrying goes on, quietly: the stall was logged and counted once.
      await new Promise((r) => setTimeout(r, 100));
      expect(logged.filter((line) => line.startsWith('error'))).toHaveLength(1);
      expect(stalls).toHaveLength(1);
      healthy = true;
      for (let tries = 0; handled.length < 3 && tries < 400; tries += 1)
        await new Promise((r) => setTimeout(r, 10));
      expect(new Set(handled)).toEqual(new Set([0, 1, 2]));
      expect(subscription.stall).toBeUndefined();
    } finally {
      await subscription.stop();
    }
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
