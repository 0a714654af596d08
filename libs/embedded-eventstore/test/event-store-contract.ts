import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  eventTypeFilter,
  FORWARDS,
  MaxAppendSizeExceededError,
  START,
  StreamDeletedError,
  streamNameFilter,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type Position,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import {
  eventually,
  readStreamEvents,
  rejectionOf,
  testEvent,
  uniqueStream,
  watch,
} from './event-store-client-helpers';

/**
 * Behaviour the project relies on, written only against `@eventstore/db-client`'s public API so
 * that it holds for the embedded server and for a real EventStoreDB alike. A real server is
 * shared across tests and its $all holds system events, so names are unique and $all is never
 * assumed empty.
 */
export function eventStoreContract(connectionString: () => string): void {
  let client: EventStoreDBClient;

  beforeAll(() => {
    client = EventStoreDBClient.connectionString(connectionString());
  });
  afterAll(async () => {
    await client.dispose();
  });

  describe('append and read a stream', () => {
    it('reads back events with revisions, types, data and created time, both ways', async () => {
      const stream = uniqueStream('read');
      const before = Date.now();
      const result = await client.appendToStream(
        stream,
        [0, 1, 2, 3, 4].map((n) => testEvent('Numbered', { n })),
      );
      expect(result.nextExpectedRevision).toBe(4n);
      expect(result.position?.commit).toBeDefined();

      const forwards = await readStreamEvents(client, stream);
      expect(forwards.map((e) => e.event?.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(forwards.map((e) => e.event?.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
      expect(
        forwards.every((e) => e.event?.type === 'Numbered' && e.event.streamId === stream),
      ).toBe(true);
      const created = forwards[0].event?.created.getTime() ?? 0;
      expect(created).toBeGreaterThanOrEqual(before - 5_000);
      expect(created).toBeLessThanOrEqual(Date.now() + 5_000);
      const positions = forwards.map((e) => e.event?.position?.commit ?? -1n);
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);

      const backwards = await readStreamEvents(client, stream, {
        direction: BACKWARDS,
        fromRevision: END,
      });
      expect(backwards.map((e) => e.event?.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
      const window = await readStreamEvents(client, stream, { fromRevision: 1n, maxCount: 2 });
      expect(window.map((e) => e.event?.revision)).toEqual([1n, 2n]);
      const backWindow = await readStreamEvents(client, stream, {
        direction: BACKWARDS,
        fromRevision: 3n,
        maxCount: 2,
      });
      expect(backWindow.map((e) => e.event?.revision)).toEqual([3n, 2n]);
      expect(await readStreamEvents(client, stream, { fromRevision: 10n })).toEqual([]);
    });

    it('keeps custom metadata and event ids', async () => {
      const stream = uniqueStream('binary');
      const id = randomUUID();
      await client.appendToStream(stream, {
        ...testEvent('WithMetadata', { ok: true }, id),
        metadata: { correlationId: 'c-1' },
      });
      const [event] = await readStreamEvents(client, stream);
      expect(event.event?.id).toBe(id);
      expect(event.event?.metadata).toEqual({ correlationId: 'c-1' });
    });

    it('reports a missing stream as not found', async () => {
      const error = await rejectionOf(readStreamEvents(client, uniqueStream('missing')));
      expect(error).toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe('expected revision', () => {
    it('accepts matching expectations and refuses others with expected and actual', async () => {
      const stream = uniqueStream('expected');
      await client.appendToStream(stream, testEvent('First'), { expectedRevision: 'no_stream' });
      await client.appendToStream(stream, testEvent('Second'), { expectedRevision: 0n });
      await client.appendToStream(stream, testEvent('Third'), {
        expectedRevision: 'stream_exists',
      });
      await client.appendToStream(stream, testEvent('Fourth'), { expectedRevision: 'any' });

      const exact = await rejectionOf(
        client.appendToStream(stream, testEvent('Late'), { expectedRevision: 1n }),
      );
      expect(exact).toBeInstanceOf(WrongExpectedVersionError);
      expect(exact).toMatchObject({ streamName: stream, expectedVersion: 1n, actualVersion: 3n });

      const noStream = await rejectionOf(
        client.appendToStream(stream, testEvent('Late'), { expectedRevision: 'no_stream' }),
      );
      expect(noStream).toMatchObject({ expectedVersion: 'no_stream', actualVersion: 3n });

      const missing = uniqueStream('expected-missing');
      const exists = await rejectionOf(
        client.appendToStream(missing, testEvent('X'), { expectedRevision: 'stream_exists' }),
      );
      expect(exists).toBeInstanceOf(WrongExpectedVersionError);
      expect(exists).toMatchObject({
        expectedVersion: 'stream_exists',
        actualVersion: 'no_stream',
      });

      const ahead = await rejectionOf(
        client.appendToStream(missing, testEvent('X'), { expectedRevision: 5n }),
      );
      expect(ahead).toMatchObject({ expectedVersion: 5n, actualVersion: 'no_stream' });
      expect((await readStreamEvents(client, stream)).length).toBe(4);
    });

    it('answers a retried append of the same ids at the same revision as written, without duplicates', async () => {
      const stream = uniqueStream('retry');
      await client.appendToStream(stream, testEvent('Seed'));
      const events = [testEvent('A'), testEvent('B')];
      const first = await client.appendToStream(stream, events, { expectedRevision: 0n });
      const retry = await client.appendToStream(stream, events, { expectedRevision: 0n });
      expect(retry.success).toBe(true);
      expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
      const stored = await readStreamEvents(client, stream);
      expect(stored.map((e) => e.event?.type)).toEqual(['Seed', 'A', 'B']);
    });
  });

  describe('$all', () => {
    it('reads forwards from a position and backwards from the end', async () => {
      const stream = uniqueStream('all');
      const first = await client.appendToStream(stream, testEvent('One'));
      await client.appendToStream(stream, testEvent('Two'));
      const from = first.position as Position;

      // Projections on a real server may interleave their own events, so only ours are compared.
      const forwards = [];
      for await (const event of client.readAll({
        fromPosition: from,
        maxCount: 100,
        direction: FORWARDS,
      })) {
        forwards.push(event);
      }
      expect(forwards[0].event?.position?.commit).toBe(from.commit);
      const ours = forwards.filter((e) => e.event?.streamId === stream).map((e) => e.event?.type);
      expect(ours).toEqual(['One', 'Two']);

      const backwards = [];
      for await (const event of client.readAll({
        fromPosition: END,
        direction: BACKWARDS,
        maxCount: 500,
      })) {
        if (event.event?.streamId === stream) backwards.push(event.event.type);
      }
      expect(backwards).toEqual(['Two', 'One']);

      const limited = [];
      for await (const event of client.readAll({ fromPosition: START, maxCount: 3 }))
        limited.push(event);
      expect(limited).toHaveLength(3);
    });
  });

  describe('subscriptions', () => {
    it('catches up on a stream, reports caught up, then delivers live events', async () => {
      const stream = uniqueStream('sub');
      await client.appendToStream(stream, [testEvent('Old1'), testEvent('Old2')]);
      const subscription = client.subscribeToStream(stream, { fromRevision: START });
      const seen = watch(subscription);
      try {
        await eventually(() => seen.caughtUp && seen.events.length === 2, 'catch-up');
        await client.appendToStream(stream, testEvent('Live'));
        await eventually(() => seen.events.length === 3, 'the live event');
        expect(seen.events.map((e) => [e.event?.type, e.event?.revision])).toEqual([
          ['Old1', 0n],
          ['Old2', 1n],
          ['Live', 2n],
        ]);
      } finally {
        await subscription.unsubscribe();
      }
    });

    it('subscribes to a stream after a revision, and to one that does not exist yet', async () => {
      const stream = uniqueStream('sub-from');
      await client.appendToStream(stream, [testEvent('E0'), testEvent('E1'), testEvent('E2')]);
      const after = client.subscribeToStream(stream, { fromRevision: 0n });
      const afterSeen = watch(after);
      const later = uniqueStream('sub-later');
      const future = client.subscribeToStream(later, { fromRevision: START });
      const futureSeen = watch(future);
      try {
        await eventually(() => afterSeen.events.length === 2, 'events after revision 0');
        expect(afterSeen.events.map((e) => e.event?.type)).toEqual(['E1', 'E2']);
        await client.appendToStream(later, testEvent('Born'));
        await eventually(() => futureSeen.events.length === 1, 'the new stream event');
      } finally {
        await after.unsubscribe();
        await future.unsubscribe();
      }
    });

    it('subscribes to $all from a position, then live', async () => {
      const stream = uniqueStream('suball');
      const marker = await client.appendToStream(stream, testEvent('Marker'));
      await client.appendToStream(stream, testEvent('After'));
      const subscription = client.subscribeToAll({ fromPosition: marker.position as Position });
      const seen = watch(subscription);
      const mine = () =>
        seen.events.filter((e) => e.event?.streamId === stream).map((e) => e.event?.type);
      try {
        await eventually(() => mine().length === 1, 'catch-up past the marker');
        await client.appendToStream(stream, testEvent('Live'));
        await eventually(() => mine().length === 2, 'the live event');
        expect(mine()).toEqual(['After', 'Live']);
      } finally {
        await subscription.unsubscribe();
      }
    });

    it('filters $all by stream-name prefix and regex, and by event type, with checkpoints', async () => {
      const prefix = uniqueStream('filt');
      const start = await client.appendToStream(uniqueStream('noise'), testEvent('Noise'));
      const checkpoints: Position[] = [];
      const byPrefix = client.subscribeToAll({
        fromPosition: start.position as Position,
        filter: streamNameFilter({
          prefixes: [`${prefix}-a`],
          checkpointInterval: 1,
          checkpointReached: (_subscription, position) => {
            checkpoints.push(position);
          },
        }),
      });
      const byRegex = client.subscribeToAll({
        fromPosition: start.position as Position,
        filter: streamNameFilter({ regex: `^${prefix}-(a|b)` }),
      });
      const eventType = `${prefix}Happened`;
      const byType = client.subscribeToAll({
        fromPosition: start.position as Position,
        filter: eventTypeFilter({ prefixes: [eventType] }),
      });
      const prefixSeen = watch(byPrefix);
      const regexSeen = watch(byRegex);
      const typeSeen = watch(byType);
      try {
        await client.appendToStream(`${prefix}-a1`, testEvent('Plain'));
        await client.appendToStream(`${prefix}-b1`, testEvent(eventType));
        await client.appendToStream(`${prefix}-c1`, testEvent('Plain'));
        for (let i = 0; i < 80; i += 1)
          await client.appendToStream(uniqueStream('noise'), testEvent('Noise'));
        await eventually(
          () =>
            prefixSeen.events.length === 1 &&
            regexSeen.events.length === 2 &&
            typeSeen.events.length === 1,
          'filtered events',
        );
        expect(prefixSeen.events[0].event?.streamId).toBe(`${prefix}-a1`);
        expect(regexSeen.events.map((e) => e.event?.streamId)).toEqual([
          `${prefix}-a1`,
          `${prefix}-b1`,
        ]);
        expect(typeSeen.events[0].event?.streamId).toBe(`${prefix}-b1`);
        await eventually(() => checkpoints.length > 0, 'a checkpoint');
        expect(checkpoints[checkpoints.length - 1].commit).toBeGreaterThanOrEqual(
          (start.position as Position).commit,
        );
      } finally {
        await byPrefix.unsubscribe();
        await byRegex.unsubscribe();
        await byType.unsubscribe();
      }
    });
  });

  describe('delete and tombstone', () => {
    it('soft-deletes a stream; a later append recreates it after the last revision', async () => {
      const stream = uniqueStream('soft');
      await client.appendToStream(stream, [testEvent('A'), testEvent('B')]);
      await client.deleteStream(stream);
      expect(await rejectionOf(readStreamEvents(client, stream))).toBeInstanceOf(
        StreamNotFoundError,
      );

      const recreated = await client.appendToStream(stream, testEvent('C'), {
        expectedRevision: 'no_stream',
      });
      expect(recreated.nextExpectedRevision).toBe(2n);
      const events = await readStreamEvents(client, stream);
      expect(events.map((e) => [e.event?.type, e.event?.revision])).toEqual([['C', 2n]]);
      const { metadata } = await client.getStreamMetadata(stream);
      expect(metadata?.truncateBefore).toBe(2);
    });

    it('refuses a delete at the wrong revision', async () => {
      const stream = uniqueStream('soft-wrong');
      await client.appendToStream(stream, [testEvent('A'), testEvent('B')]);
      const error = await rejectionOf(client.deleteStream(stream, { expectedRevision: 0n }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: stream, expectedVersion: 0n, actualVersion: 1n });
    });

    it('tombstones a stream for good', async () => {
      const stream = uniqueStream('tomb');
      await client.appendToStream(stream, testEvent('A'));
      await client.tombstoneStream(stream);
      const read = await rejectionOf(readStreamEvents(client, stream));
      expect(read).toBeInstanceOf(StreamDeletedError);
      expect(read).toMatchObject({ streamName: stream });
      const append = await rejectionOf(client.appendToStream(stream, testEvent('B')));
      expect(append).toBeInstanceOf(StreamDeletedError);
      expect(await rejectionOf(client.deleteStream(stream))).toBeInstanceOf(StreamDeletedError);
    });
  });

  describe('stream metadata', () => {
    it('honours $maxCount and $tb on reads and round-trips custom keys', async () => {
      const stream = uniqueStream('meta');
      await client.appendToStream(
        stream,
        [0, 1, 2, 3, 4].map((n) => testEvent('N', { n })),
      );
      await client.setStreamMetadata(stream, { maxCount: 2, owner: 'tests' });
      expect((await readStreamEvents(client, stream)).map((e) => e.event?.revision)).toEqual([
        3n,
        4n,
      ]);
      expect((await client.getStreamMetadata(stream)).metadata).toMatchObject({
        maxCount: 2,
        owner: 'tests',
      });

      await client.setStreamMetadata(stream, { truncateBefore: 1 });
      expect((await readStreamEvents(client, stream)).map((e) => e.event?.revision)).toEqual([
        1n,
        2n,
        3n,
        4n,
      ]);
      const backwards = await readStreamEvents(client, stream, {
        direction: BACKWARDS,
        fromRevision: END,
      });
      expect(backwards.map((e) => e.event?.revision)).toEqual([4n, 3n, 2n, 1n]);
    });

    it('honours $maxAge on reads', async () => {
      const stream = uniqueStream('maxage');
      await client.appendToStream(stream, testEvent('Old'));
      await client.setStreamMetadata(stream, { maxAge: 1 });
      await eventually(
        async () => (await readStreamEvents(client, stream)).length === 0,
        'the event to expire',
        10_000,
      );
      await client.appendToStream(stream, testEvent('New'));
      expect((await readStreamEvents(client, stream)).map((e) => e.event?.type)).toEqual(['New']);
    });
  });

  describe('limits', () => {
    it('refuses a write over 1,048,576 bytes and still serves afterwards', async () => {
      const stream = uniqueStream('huge');
      const big = { blob: 'x'.repeat(1_100_000) };
      const error = await rejectionOf(client.appendToStream(stream, testEvent('Huge', big)));
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(error).toMatchObject({ maxAppendSize: 1_048_576 });
      const ok = await client.appendToStream(
        stream,
        testEvent('Small', { blob: 'x'.repeat(500_000) }),
      );
      expect(ok.nextExpectedRevision).toBe(0n);
    });
  });
}
