import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EventCatalog, eventContract, type Command, type EventOf } from '@hirestream/contracts';
import { startEventStoreServer, type EventStoreServer } from '@hirestream/embedded-eventstore';
import { Type } from '@sinclair/typebox';
import { join } from 'node:path';
import {
  CommandGateway,
  EventSerializer,
  EventStore,
  genesisHash,
  readSnapshot,
  StreamRevisionConflictError,
  verifyAllStreams,
  verifyStream,
  writeSnapshot,
  type AllStreamsProgress,
  type Aggregate,
  type ChainReport,
  type SnapshotPolicy,
} from '../src';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { testContext, useEmbeddedStore } from './support/embedded-store';
import { changeStoredByte, cutLogBefore } from './support/segment-log-tampering';

const incrementedContract = eventContract({
  type: 'CounterIncremented',
  owner: 'tests',
  description: 'a counter went up by one',
  schemaVersion: 1,
  data: { by: Type.Integer({ minimum: 1 }) },
});
const noteContract = eventContract({
  type: 'NoteAdded',
  owner: 'tests',
  description: 'a note about the stream',
  schemaVersion: 1,
  data: { text: Type.String() },
});
const contracts = [incrementedContract, noteContract];
type Incremented = EventOf<typeof incrementedContract>;
type NoteAdded = EventOf<typeof noteContract>;
type Increment = Command<'Increment', { stream: string; times: number }>;
type AddNote = Command<'AddNote', { stream: string; text: string }>;

/** One service's decider: several events per command, folding only its own type. */
const counter: Aggregate<number, Increment, Incremented> = {
  name: 'counter',
  streamOf: (command) => command.data.stream,
  decider: {
    initialState: () => 0,
    evolve: (total, event) => total + event.data.by,
    eventTypes: new Set(['CounterIncremented']),
    decide: (command) =>
      Array.from({ length: command.data.times }, () => ({
        type: 'CounterIncremented' as const,
        data: { by: 1 },
      })),
  },
};

const notesPolicy: SnapshotPolicy<number> = {
  name: 'notes',
  version: 1,
  every: 5,
  serialize: (count) => ({ count }),
  deserialize: (stored) => {
    const count = (stored as { count?: unknown }).count;
    if (typeof count !== 'number') throw new Error('not a count of notes');
    return count;
  },
};

/** Another service's decider on the same stream, with snapshots. */
const notes: Aggregate<number, AddNote, NoteAdded> = {
  name: 'notes',
  streamOf: (command) => command.data.stream,
  decider: {
    initialState: () => 0,
    evolve: (count) => count + 1,
    eventTypes: new Set(['NoteAdded']),
    snapshots: notesPolicy,
    decide: (command) => ({ type: 'NoteAdded', data: { text: command.data.text } }),
  },
};

const context = testContext;
const increment = (stream: string, times = 1): Increment => ({
  type: 'Increment',
  data: { stream, times },
});
const addNote = (stream: string, text = 'noted'): AddNote => ({
  type: 'AddNote',
  data: { stream, text },
});
let streams = 0;
const newStream = (name: string) => `chain-${name}-${Date.now()}-${(streams += 1)}`;

type StoredMetadata = { previousHash?: string; hash?: string };

async function storedMetadata(client: EventStoreDBClient, stream: string) {
  const metadata: StoredMetadata[] = [];
  for await (const resolved of client.readStream(stream)) {
    metadata.push(resolved.event?.metadata as StoredMetadata);
  }
  return metadata;
}

function expectIntact(report: ChainReport, events: number): void {
  expect(report).toMatchObject({ events, checked: events, beforeChain: undefined });
  expect(report.firstBreak).toBeUndefined();
}

/** An event written through the raw client, as anyone with access to the store could. */
const forged = (text: string) =>
  jsonEvent({
    type: 'NoteAdded',
    data: { text },
    metadata: { occurredAt: new Date().toISOString(), schemaVersion: 1 },
  });

describe('the hash chain, on the embedded EventStoreDB', () => {
  const embedded = useEmbeddedStore('hash-chain', contracts);
  let client: EventStoreDBClient;
  let store: EventStore;
  beforeAll(() => {
    ({ client, store } = embedded);
  });

  it("links every event to the one before it, across two services' deciders on one stream, and verifies", async () => {
    const stream = newStream('two-deciders');
    const counters = [new CommandGateway(store, counter), new CommandGateway(store, counter)];
    const noteTaker = new CommandGateway(store, notes);
    for (let round = 0; round < 4; round += 1) {
      // Each gateway passes over the other's events, and the second counter's kept state
      // is behind by the first's appends: both still link to the stream's last event.
      await counters[round % 2].handle(increment(stream, 2), context);
      await noteTaker.handle(addNote(stream, `round ${round}`), context);
    }
    const metadata = await storedMetadata(client, stream);
    expect(metadata).toHaveLength(12);
    expect(metadata[0].previousHash).toBe(genesisHash(stream));
    metadata.slice(1).forEach((event, i) => expect(event.previousHash).toBe(metadata[i].hash));
    const report = await verifyStream(client, stream);
    expectIntact(report, 12);
    expect(report.head).toEqual({ revision: 11n, hash: metadata[11].hash });
  });

  it('decides on a snapshot carrying its event’s hash and links to the head it names', async () => {
    const stream = newStream('snapshot');
    const writer = new CommandGateway(store, notes);
    const other = new CommandGateway(store, counter);
    for (let i = 0; i < 6; i += 1) {
      await writer.handle(addNote(stream), context);
      await other.handle(increment(stream), context);
    }
    await writer.load(stream);
    await writer.snapshotsWritten();
    const snapshot = await readSnapshot(client, notesPolicy.name, stream);
    expect(snapshot?.revision).toBe(11n);
    expect(snapshot?.hash).toBe((await storedMetadata(client, stream))[11].hash);

    // A count only the snapshot holds shows the next command decided on it.
    await writeSnapshot(client, notesPolicy.name, stream, { ...snapshot!, state: { count: 100 } });
    const cold = new CommandGateway(store, notes, { cacheSize: 0 });
    expect(await cold.handle(addNote(stream), context)).toMatchObject({ state: 101 });
    expectIntact(await verifyStream(client, stream), 13);

    // A snapshot naming another hash for its event is not the stream's: ignored.
    await writeSnapshot(client, notesPolicy.name, stream, {
      ...snapshot!,
      revision: 12n,
      eventId: (await store.readStream(stream)).last!.eventId,
      hash: '0'.repeat(64),
      state: { count: 500 },
    });
    expect(await cold.load(stream)).toEqual({ state: 7, revision: 12n });
  });

  it('starts the chain of a stream written before it from the genesis: the older events are before the chain', async () => {
    const stream = newStream('older');
    await client.appendToStream(stream, [forged('old 1'), forged('old 2'), forged('old 3')]);
    await new CommandGateway(store, counter).handle(increment(stream, 2), context);
    expect((await storedMetadata(client, stream))[3].previousHash).toBe(genesisHash(stream));
    const report = await verifyStream(client, stream);
    expect(report).toMatchObject({
      events: 5,
      checked: 2,
      beforeChain: { count: 3, firstRevision: 0n, lastRevision: 2n },
    });
    expect(report.firstBreak).toBeUndefined();
  });

  it('names an event forged through the raw client as inserted at its revision', async () => {
    const stream = newStream('forged');
    const gateway = new CommandGateway(store, counter);
    await gateway.handle(increment(stream, 3), context);
    const forgery = forged('the candidate withdrew');
    await client.appendToStream(stream, forgery);
    // Commands carry on after it; the forgery stays the first break.
    await gateway.handle(increment(stream), context);
    expect((await verifyStream(client, stream)).firstBreak).toMatchObject({
      kind: 'inserted',
      revision: 3n,
      eventId: forgery.id,
    });
  });

  it('names a stored event appended again through the raw client as an inserted copy', async () => {
    const stream = newStream('replayed');
    await new CommandGateway(store, notes).handle(addNote(stream, 'offer accepted'), context);
    await new CommandGateway(store, notes).handle(addNote(stream, 'hired'), context);
    let last: { data: unknown; metadata: unknown } | undefined;
    for await (const resolved of client.readStream(stream)) last = resolved.event;
    const copy = jsonEvent({
      type: 'NoteAdded',
      data: last!.data as { text: string },
      metadata: last!.metadata as Record<string, unknown>,
    });
    await client.appendToStream(stream, copy);
    expect((await verifyStream(client, stream)).firstBreak).toEqual({
      kind: 'inserted',
      revision: 2n,
      eventId: copy.id,
      detail: 'it is a copy of revision 1',
    });
  });

  it('keeps concurrent writers from forking the chain: a conflict reads the new head and links anew', async () => {
    const stream = newStream('concurrent');
    const counting = new CommandGateway(store, counter, { maxAttempts: 50 });
    const noting = new CommandGateway(store, notes, { maxAttempts: 50 });
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        i % 2 === 0
          ? counting.handle(increment(stream, 2), context)
          : noting.handle(addNote(stream, `note ${i}`), context),
      ),
    );
    expectIntact(await verifyStream(client, stream), 24);

    // A writer still holding an older head is refused and writes nothing.
    const stale = (await storedMetadata(client, stream))[20].hash;
    await expect(
      store.append(
        stream,
        [{ type: 'NoteAdded', data: { text: 'late' } }],
        20n,
        context,
        new Date(),
        {
          revision: 20n,
          hash: stale,
        },
      ),
    ).rejects.toBeInstanceOf(StreamRevisionConflictError);
    expectIntact(await verifyStream(client, stream), 24);
  });

  it('reports a stream without any event as empty, and truncated against an anchored head', async () => {
    const stream = newStream('missing');
    expect(await verifyStream(client, stream)).toEqual({
      streamName: stream,
      events: 0,
      checked: 0,
      beforeChain: undefined,
      head: undefined,
    });
    expect(
      (await verifyStream(client, stream, { anchoredHead: { revision: 3n, hash: 'a'.repeat(64) } }))
        .firstBreak,
    ).toMatchObject({ kind: 'truncated', revision: 3n, eventId: undefined });
  });
});

/** A server of the test's own, on a data folder the test may edit while it is stopped. */
class StoppableStore {
  client!: EventStoreDBClient;
  store!: EventStore;
  private server: EventStoreServer | undefined;

  private constructor(
    private readonly folder: string,
    readonly dataDir: string,
  ) {}

  static async start(name: string): Promise<StoppableStore> {
    const folder = await makeTempDir(name);
    const started = new StoppableStore(folder, join(folder, 'es'));
    await started.open();
    return started;
  }

  /** Stops the server, lets `tamper` edit its data folder, and starts it again. */
  async restart(tamper: (dataDir: string) => void): Promise<void> {
    await this.stop();
    tamper(this.dataDir);
    await this.open();
  }

  async close(): Promise<void> {
    await this.stop();
    await removeTempDir(this.folder);
  }

  private async open(): Promise<void> {
    this.server = await startEventStoreServer({ port: 0, dataDir: this.dataDir });
    this.client = EventStoreDBClient.connectionString`${this.server.connectionString}`;
    this.store = new EventStore(this.client, new EventSerializer(new EventCatalog(contracts)));
  }

  private async stop(): Promise<void> {
    await this.client?.dispose();
    await this.server?.close();
    this.server = undefined;
  }
}

describe('the hash chain, against tampering with the stored log', () => {
  let stoppable: StoppableStore | undefined;
  afterEach(async () => {
    await stoppable?.close();
    stoppable = undefined;
  });

  /** Appends notes one append each (one commit each), through `EventStore.append`. */
  async function notesIn(store: EventStore, stream: string, texts: readonly string[]) {
    for (const [i, text] of texts.entries()) {
      await store.append(
        stream,
        [{ type: 'NoteAdded', data: { text } }],
        i === 0 ? undefined : BigInt(i - 1),
        context,
      );
    }
  }

  it('names the event whose stored bytes were changed while the server was stopped as altered', async () => {
    stoppable = await StoppableStore.start('chain-altered');
    const stream = newStream('on-disk');
    await notesIn(stoppable.store, stream, ['applied', 'salary 90000', 'interviewed']);
    expectIntact(await verifyStream(stoppable.client, stream), 3);

    await stoppable.restart((dataDir) => changeStoredByte(dataDir, 'salary 90000', '1'));
    const read = await stoppable.store.readStream<NoteAdded>(stream);
    expect(read.events.map(({ event }) => event.data.text)).toEqual([
      'applied',
      'salary 90001',
      'interviewed',
    ]);
    expect((await verifyStream(stoppable.client, stream)).firstBreak).toEqual({
      kind: 'altered',
      revision: 1n,
      eventId: read.events[1].metadata.eventId,
      detail: 'its content no longer matches its hash',
    });
  });

  it('catches a dropped tail only against an anchored head', async () => {
    stoppable = await StoppableStore.start('chain-truncated');
    const stream = newStream('tail');
    await notesIn(stoppable.store, stream, ['tail 0', 'tail 1', 'tail 2', 'tail 3', 'tail 4']);
    const anchored = (await verifyStream(stoppable.client, stream)).head!;
    const anchoredHead = { revision: anchored.revision, hash: anchored.hash! };

    await stoppable.restart((dataDir) => cutLogBefore(dataDir, 'tail 3'));
    const unanchored = await verifyStream(stoppable.client, stream);
    expectIntact(unanchored, 3);
    expect(unanchored.head?.revision).toBe(2n);
    expect((await verifyStream(stoppable.client, stream, { anchoredHead })).firstBreak).toEqual({
      kind: 'truncated',
      revision: 4n,
      eventId: undefined,
      detail: 'the stream ends at revision 2, short of its anchored head at revision 4',
    });
  });

  it('names the first event left after a truncate-before as removed; $all still holds the rest', async () => {
    stoppable = await StoppableStore.start('chain-truncate-before');
    const stream = newStream('truncate-before');
    await notesIn(stoppable.store, stream, ['one', 'two', 'three', 'four']);
    await stoppable.client.setStreamMetadata(stream, { truncateBefore: 2 });
    expect((await verifyStream(stoppable.client, stream)).firstBreak).toMatchObject({
      kind: 'removed',
      revision: 2n,
    });
    expect((await verifyAllStreams(stoppable.client)).broken).toEqual([]);
  });

  it('verifies every stream in one walk of $all, with progress, naming the broken ones', async () => {
    stoppable = await StoppableStore.start('chain-all');
    const { client, store } = stoppable;
    const intact = [newStream('all-a'), newStream('all-b')];
    const tampered = newStream('all-forged');
    const counting = new CommandGateway(store, counter);
    const noting = new CommandGateway(store, notes);
    for (const stream of [...intact, tampered]) {
      for (let i = 0; i < 4; i += 1) {
        await counting.handle(increment(stream, 2), context);
        await noting.handle(addNote(stream), context);
      }
    }
    await noting.snapshotsWritten();
    const forgery = forged('forged');
    await client.appendToStream(tampered, forgery);
    const vanished = newStream('all-vanished');

    const progress: AllStreamsProgress[] = [];
    const reports: ChainReport[] = [];
    const walk = await verifyAllStreams(client, {
      anchoredHeads: new Map([[vanished, { revision: 0n, hash: 'b'.repeat(64) }]]),
      progressEvery: 10,
      onProgress: (at) => progress.push(at),
      onStream: (report) => reports.push(report),
    });

    // 3 × 12 chained events, the forgery, and the notes decider's snapshots (written by
    // the raw client, so before any chain) in their own streams.
    const snapshots = reports.filter((report) => report.streamName.startsWith('snapshot-'));
    expect(snapshots).toHaveLength(3);
    const snapshotEvents = snapshots.reduce((sum, report) => sum + report.events, 0);
    expect(walk).toMatchObject({ streams: 7, events: 37 + snapshotEvents, checked: 36 });
    expect(walk.beforeChain).toBe(snapshotEvents);
    expect(walk.broken.map((report) => [report.streamName, report.firstBreak])).toEqual([
      [tampered, expect.objectContaining({ kind: 'inserted', revision: 12n, eventId: forgery.id })],
      [vanished, expect.objectContaining({ kind: 'truncated', revision: 0n })],
    ]);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toMatchObject({ events: walk.events, streams: 7 });
    expect(reports).toHaveLength(7);
  });
});
