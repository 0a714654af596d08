import { jsonEvent } from '@eventstore/db-client';
import {
  AggregateNotFoundError,
  eventContract,
  type Command,
  type EventOf,
} from '@hirestream/contracts';
import { Type } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import {
  CommandGateway,
  readSnapshot,
  stateAtPoint,
  type Decider,
  type FoldableAggregate,
} from '../src';
import { testContext, useEmbeddedStore } from './support/embedded-store';

// A stream folded at a point, as the state route serves it: only the stream is
// read (no snapshot, no kept state, nothing written), older schema versions
// are upcast and reported, and aggregates that do not fold the stream are left out.

const addedContract = eventContract({
  type: 'AmountAdded',
  owner: 'tests',
  description: 'an amount, in minor units since v2',
  schemaVersion: 2,
  data: { minor: Type.Integer(), at: Type.String() },
  upcasters: [
    { fromVersion: 1, upcast: ({ major, ...rest }) => ({ ...rest, minor: Number(major) * 100 }) },
  ],
});
const noteContract = eventContract({
  type: 'NoteWritten',
  owner: 'others',
  description: "another service's fact in the same stream",
  schemaVersion: 1,
  data: { text: Type.String() },
});
type Added = EventOf<typeof addedContract>;
type Tally = Readonly<{ total: bigint; days: ReadonlySet<string>; last: Date | null }>;

const tally: Decider<Tally, Command<'Add', Added['data']>, Added> = {
  initialState: () => ({ total: 0n, days: new Set(), last: null }),
  evolve: (state, { data }) => ({
    total: state.total + BigInt(data.minor),
    days: new Set([...state.days, data.at.slice(0, 10)]),
    last: new Date(data.at),
  }),
  decide: (command) => ({ type: 'AmountAdded', data: command.data }),
  eventTypes: new Set(['AmountAdded']),
  snapshots: {
    name: 'tally',
    version: 1,
    every: 2,
    serialize: ({ total }) => ({ total: total.toString() }),
    // Were the route to start from a snapshot, its answer would show this.
    deserialize: () => ({ total: -1n, days: new Set(), last: null }),
  },
};
const aggregates = [
  { name: 'tally', decider: tally },
  { name: 'elsewhere', decider: { ...tally, eventTypes: new Set(['NeverHere']) } },
  { name: 'undeclared', decider: { ...tally, eventTypes: undefined } },
] as unknown as FoldableAggregate[];

const embedded = useEmbeddedStore('state-at-point', [addedContract, noteContract]);

async function history(): Promise<string> {
  const stream = `tally-${randomUUID()}`;
  const { client, store } = embedded;
  await client.appendToStream(
    stream,
    jsonEvent({
      type: 'AmountAdded',
      data: { major: 3, at: '2030-01-01T10:00:00.000Z' },
      metadata: { schemaVersion: 1, occurredAt: '2030-01-01T10:00:00.000Z' },
    }),
  );
  await store.append(stream, [{ type: 'NoteWritten', data: { text: 'hello' } }], 0n, testContext);
  await store.append(
    stream,
    [{ type: 'AmountAdded', data: { minor: 5, at: '2030-01-02T10:00:00.000Z' } }],
    1n,
    testContext,
  );
  return stream;
}

describe('stateAtPoint', () => {
  it('folds up to and including the revision, with the schema versions read and upcasts', async () => {
    const stream = await history();
    const { client, store } = embedded;
    const atOne = await stateAtPoint(client, store.serializer, aggregates, stream, 1n);
    expect(atOne).toEqual({
      streamName: stream,
      revision: 1n,
      aggregates: {
        tally: {
          total: { $bigint: '300' },
          days: { $set: ['2030-01-01'] },
          last: { $date: '2030-01-01T10:00:00.000Z' },
        },
      },
      schemaVersions: [{ type: 'AmountAdded', stored: 1, current: 2, events: 1 }],
      upcasted: [{ revision: 0n, type: 'AmountAdded', fromVersion: 1, toVersion: 2 }],
    });
    const atEnd = await stateAtPoint(client, store.serializer, aggregates, stream);
    expect(atEnd.revision).toBe(2n);
    expect(atEnd.aggregates.tally).toMatchObject({ total: { $bigint: '305' } });
    expect(atEnd.schemaVersions).toEqual([
      { type: 'AmountAdded', stored: 1, current: 2, events: 1 },
      { type: 'AmountAdded', stored: 2, current: 2, events: 1 },
    ]);
  });

  it('reads the stream alone: a snapshot or a kept state, even a wrong one, changes nothing, and none is written', async () => {
    const stream = await history();
    const { client, store } = embedded;
    const gateway = new CommandGateway(store, {
      name: 'tally',
      decider: tally,
      streamOf: () => stream,
    });
    await gateway.load(stream);
    await gateway.snapshotsWritten();
    const snapshot = await readSnapshot(client, 'tally', stream);
    expect(snapshot?.revision).toBe(2n);
    expect(
      (await stateAtPoint(client, store.serializer, aggregates, stream)).aggregates.tally,
    ).toMatchObject({
      total: { $bigint: '305' },
    });
    expect(await readSnapshot(client, 'tally', stream)).toEqual(snapshot);
    const fresh = await history();
    await stateAtPoint(client, store.serializer, aggregates, fresh);
    expect(await readSnapshot(client, 'tally', fresh)).toBeUndefined();
  });

  it('answers not found for an unknown stream and for a revision past its end', async () => {
    const stream = await history();
    const { client, store } = embedded;
    await expect(
      stateAtPoint(client, store.serializer, aggregates, `tally-${randomUUID()}`),
    ).rejects.toThrow(AggregateNotFoundError);
    await expect(stateAtPoint(client, store.serializer, aggregates, stream, 3n)).rejects.toThrow(
      `stream ${stream} ends at revision 2: it has no revision 3`,
    );
  });
});
