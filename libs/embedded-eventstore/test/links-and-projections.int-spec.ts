import { EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import { startEventStoreServer, type EventStoreServer } from '@hirestream/embedded-eventstore';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { eventually, readStreamEvents, rejectionOf, testEvent } from './event-store-client-helpers';
import { eventStoreProcesses } from './event-store-processes';
import {
  linksAndProjectionsContract,
  readIfExists,
  textOf,
  uniqueCategory,
} from './links-and-projections-contract';

/** The targets (`<revision>@<stream>`) of a projection stream's links, in order. */
async function linkTargets(client: EventStoreDBClient, stream: string): Promise<string[]> {
  return (await readIfExists(client, stream)).map((event) => textOf(event.event?.data));
}

function targetsOf(stream: string, events: readonly ResolvedEvent[]): string[] {
  return events.map((event) => `${event.event?.revision}@${stream}`);
}

describe('links and standard projections: embedded server', () => {
  describe('started with startStandardProjections', () => {
    let dataDir: string;
    let server: EventStoreServer;

    beforeAll(async () => {
      dataDir = await makeTempDir('eventstore-projections');
      server = await startEventStoreServer({ port: 0, dataDir, startStandardProjections: true });
    });
    afterAll(async () => {
      await server.close();
      await removeTempDir(dataDir);
    });

    linksAndProjectionsContract(() => server.connectionString);

    it('links deletions with $deleted: -1, as the real projections do', async () => {
      const client = EventStoreDBClient.connectionString(server.connectionString);
      try {
        const category = uniqueCategory();
        const [soft, hard] = [`${category}-1`, `${category}-2`];
        await client.appendToStream(soft, testEvent('Created'));
        await client.appendToStream(hard, testEvent('Created'));
        await client.deleteStream(soft);
        await client.tombstoneStream(hard);
        const tombstone = '9223372036854775807';
        await eventually(
          async () => (await linkTargets(client, `$ce-${category}`)).length >= 4,
          'the deletions linked',
        );
        const links = await readStreamEvents(client, `$ce-${category}`);
        expect(links.map((event) => textOf(event.event?.data))).toEqual([
          `0@${soft}`,
          `0@${hard}`,
          `0@$$${soft}`,
          `${tombstone}@${hard}`,
        ]);
        const metadata = links.map((event) => event.event?.metadata as Record<string, unknown>);
        expect(metadata.map((m) => [m.$o, m.$deleted])).toEqual([
          [soft, undefined],
          [hard, undefined],
          [soft, -1],
          [hard, -1],
        ]);
        const deleted = await linkTargets(client, '$et-$deleted');
        expect(deleted).toEqual(expect.arrayContaining([`0@${soft}`, `${tombstone}@${hard}`]));
      } finally {
        await client.dispose();
      }
    });
  });

  describe('restarts', () => {
    let dataDir: string;
    let server: EventStoreServer | undefined;
    let client: EventStoreDBClient | undefined;

    beforeEach(async () => {
      dataDir = await makeTempDir('eventstore-projections-restart');
    });
    afterEach(async () => {
      await client?.dispose();
      await server?.close();
      client = undefined;
      server = undefined;
      await removeTempDir(dataDir);
    });

    async function start(startStandardProjections?: boolean): Promise<EventStoreDBClient> {
      await client?.dispose();
      await server?.close();
      server = await startEventStoreServer({ port: 0, dataDir, startStandardProjections });
      client = EventStoreDBClient.connectionString(server.connectionString);
      return client;
    }

    it('has the projections disabled by default, writes nothing for them, and refuses user-defined projections', async () => {
      const first = await start();
      const category = uniqueCategory();
      await first.appendToStream(`${category}-1`, testEvent('Seen'));
      const status = await first.getProjectionStatus('$by_category');
      expect(status.projectionStatus).toBe('Stopped');
      expect((await first.getProjectionStatus('$by_event_type')).projectionStatus).toBe('Stopped');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await readIfExists(first, `$ce-${category}`)).toEqual([]);
      const all: ResolvedEvent[] = [];
      for await (const event of first.readAll()) all.push(event);
      expect(all.map((event) => event.event?.streamId)).toEqual([`${category}-1`]);

      const refusal = await rejectionOf(first.createProjection('mine', 'fromAll().when({})'));
      expect(String(refusal)).toMatch(/User-defined \(JavaScript\) projections/);
      expect(String(await rejectionOf(first.resetProjection('$by_category')))).toMatch(
        /not implemented/,
      );
    });

    it('keeps the enabled state and catches up after a restart, writing no link twice', async () => {
      let current = await start();
      const category = uniqueCategory();
      const stream = `${category}-1`;
      await current.appendToStream(stream, [testEvent('A'), testEvent('B')]);
      await current.enableProjection('$by_category');
      await eventually(
        async () => (await linkTargets(current, `$ce-${category}`)).length === 2,
        'links for the first events',
      );

      current = await start();
      expect((await current.getProjectionStatus('$by_category')).projectionStatus).toBe('Running');
      expect((await current.getProjectionStatus('$by_event_type')).projectionStatus).toBe(
        'Stopped',
      );
      await current.appendToStream(stream, testEvent('C'));
      await eventually(
        async () => (await linkTargets(current, `$ce-${category}`)).length >= 3,
        'the link for the event after the restart',
      );
      expect(await linkTargets(current, `$ce-${category}`)).toEqual(
        targetsOf(stream, await readStreamEvents(current, stream)),
      );

      await current.disableProjection('$by_category');
      current = await start();
      await current.appendToStream(stream, testEvent('D'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await current.getProjectionStatus('$by_category')).projectionStatus).toBe('Stopped');
      expect(await linkTargets(current, `$ce-${category}`)).toHaveLength(3);

      // The flag enables them at start, as the real server's does.
      current = await start(true);
      await eventually(
        async () => (await linkTargets(current, `$ce-${category}`)).length === 4,
        'the link written once enabled again',
      );
      expect(await linkTargets(current, `$et-D`)).toEqual([`3@${stream}`]);
    });
  });

  describe('SIGKILL', () => {
    const { start } = eventStoreProcesses('eventstore-projections-crash');

    const BATCH = 100;
    const batch = () =>
      Array.from({ length: BATCH }, (_, n) => testEvent(n % 2 === 0 ? 'Tick' : 'Tock'));

    it('links every event exactly once when killed while catching up under writes, and stays enabled', async () => {
      const category = uniqueCategory();
      const streams = [1, 2, 3, 4].map((n) => `${category}-${n}`);
      const { process: first, client } = await start();
      // A backlog the projections take a while to catch up with once enabled.
      for (let round = 0; round < 20; round += 1)
        await Promise.all(streams.map((stream) => client.appendToStream(stream, batch())));
      let writing = true;
      const writers = streams.map(async (stream) => {
        while (writing) {
          try {
            await client.appendToStream(stream, batch());
          } catch {
            return;
          }
        }
      });
      await client.enableProjection('$by_category');
      await client.enableProjection('$by_event_type');
      await eventually(
        async () =>
          (await readIfExists(client, `$ce-${category}`, { maxCount: 1 })).length > 0 &&
          (await readIfExists(client, '$et-Tick', { maxCount: 1 })).length > 0,
        'the first links',
        30_000,
      );
      await first.stop('SIGKILL');
      writing = false;
      await Promise.all(writers);
      await client.dispose();

      const { process: second, client: after } = await start();
      try {
        expect((await after.getProjectionStatus('$by_category')).projectionStatus).toBe('Running');
        const expected = (
          await Promise.all(
            streams.map(async (stream) => targetsOf(stream, await readStreamEvents(after, stream))),
          )
        ).flat();
        await eventually(
          async () => (await linkTargets(after, `$ce-${category}`)).length >= expected.length,
          'every event linked from the category stream',
          60_000,
        );
        const byCategory = await linkTargets(after, `$ce-${category}`);
        expect(byCategory).toHaveLength(expected.length);
        expect([...byCategory].sort()).toEqual([...expected].sort());

        const typeLinks = async (): Promise<string[]> => [
          ...(await linkTargets(after, '$et-Tick')),
          ...(await linkTargets(after, '$et-Tock')),
        ];
        await eventually(
          async () => (await typeLinks()).length >= expected.length,
          'every event linked from its type stream',
          60_000,
        );
        const byType = await typeLinks();
        expect(byType).toHaveLength(expected.length);
        expect(new Set(byType).size).toBe(expected.length);
      } finally {
        await after.dispose();
        await second.stop('SIGTERM');
      }
    });
  });
});
