import {
  BACKWARDS,
  binaryEvent,
  END,
  EventStoreDBClient,
  START,
  streamNameFilter,
  StreamNotFoundError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import {
  eventually,
  linkTo,
  readStreamEvents,
  rejectionOf,
  testEvent,
  uniqueStream,
  watch,
} from './event-store-client-helpers';

export function textOf(data: unknown): string {
  return data instanceof Uint8Array ? Buffer.from(data).toString('utf8') : JSON.stringify(data);
}

/** A category no other test or run uses: `<category>-<n>` streams fall into `$ce-<category>`. */
export function uniqueCategory(): string {
  return `cat${randomUUID().replace(/-/g, '')}`;
}

/** Reads a stream, answering [] while it does not exist yet (a projection has not written it). */
export async function readIfExists(
  client: EventStoreDBClient,
  stream: string,
  options: Parameters<EventStoreDBClient['readStream']>[1] = {},
): Promise<ResolvedEvent[]> {
  try {
    return await readStreamEvents(client, stream, options);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

// A real server's projections run behind the writes; give them time on a loaded machine.
const PROJECTION_WAIT_MS = 30_000;

/**
 * `resolveLinkTos` and the standard projections `$by_category` / `$by_event_type`, through
 * `@eventstore/db-client` only. The server must run them (a real one with
 * `--run-projections=All --start-standard-projections`). They run behind the writes, so
 * whatever they write is waited for.
 */
export function linksAndProjectionsContract(connectionString: () => string): void {
  let client: EventStoreDBClient;

  beforeAll(() => {
    client = EventStoreDBClient.connectionString(connectionString());
  });
  afterAll(async () => {
    await client.dispose();
  });

  describe('links', () => {
    it('reads a link raw without resolveLinkTos and as its target with the link beside it with it', async () => {
      const target = uniqueStream('link-target');
      const links = uniqueStream('links');
      await client.appendToStream(target, [
        testEvent('First', { n: 0 }),
        testEvent('Second', { n: 1 }),
      ]);
      const written = await client.appendToStream(links, [linkTo(1, target), linkTo(0, target)]);

      const raw = await readStreamEvents(client, links);
      expect(raw.map((e) => e.event?.type)).toEqual(['$>', '$>']);
      expect(raw.map((e) => textOf(e.event?.data))).toEqual([`1@${target}`, `0@${target}`]);
      expect(raw.every((e) => e.link === undefined)).toBe(true);

      const targets = await readStreamEvents(client, target);
      const resolved = await readStreamEvents(client, links, { resolveLinkTos: true });
      expect(resolved.map((e) => e.event?.id)).toEqual([
        targets[1].event?.id,
        targets[0].event?.id,
      ]);
      expect(resolved.map((e) => e.event?.streamId)).toEqual([target, target]);
      expect(resolved.map((e) => e.event?.revision)).toEqual([1n, 0n]);
      expect(resolved.map((e) => e.event?.data)).toEqual([{ n: 1 }, { n: 0 }]);
      expect(resolved.map((e) => e.event?.position)).toEqual([
        targets[1].event?.position,
        targets[0].event?.position,
      ]);
      expect(resolved.map((e) => e.link?.type)).toEqual(['$>', '$>']);
      expect(resolved.map((e) => e.link?.streamId)).toEqual([links, links]);
      expect(resolved.map((e) => e.link?.revision)).toEqual([0n, 1n]);
      expect(resolved.map((e) => e.link?.id)).toEqual(raw.map((e) => e.event?.id));
      // The read event's own position is the link's.
      expect(resolved.map((e) => e.commitPosition)).toEqual(
        raw.map((e) => e.event?.position?.commit),
      );

      const backwards = await readStreamEvents(client, links, {
        resolveLinkTos: true,
        direction: BACKWARDS,
        fromRevision: END,
      });
      expect(backwards.map((e) => e.event?.revision)).toEqual([0n, 1n]);
      expect(backwards.map((e) => e.link?.revision)).toEqual([1n, 0n]);
      expect(written.nextExpectedRevision).toBe(1n);
    });

    it('resolves links on $all reads and on subscriptions to a stream and to $all', async () => {
      const target = uniqueStream('link-target');
      const links = uniqueStream('links');
      await client.appendToStream(target, testEvent('Target', { here: true }));
      const written = await client.appendToStream(links, linkTo(0, target));
      const [targetEvent] = await readStreamEvents(client, target);

      const all: ResolvedEvent[] = [];
      for await (const event of client.readAll({
        fromPosition: written.position ?? START,
        maxCount: 1,
        resolveLinkTos: true,
      }))
        all.push(event);
      expect(all[0].event?.id).toBe(targetEvent.event?.id);
      expect(all[0].event?.position).toEqual(targetEvent.event?.position);
      expect(all[0].link?.streamId).toBe(links);
      expect(all[0].link?.position?.commit).toBe(written.position?.commit);
      expect(all[0].commitPosition).toBe(written.position?.commit);

      const rawAll: ResolvedEvent[] = [];
      for await (const event of client.readAll({
        fromPosition: written.position ?? START,
        maxCount: 1,
      }))
        rawAll.push(event);
      expect(rawAll[0].event?.type).toBe('$>');
      expect(rawAll[0].link).toBeUndefined();

      const toStream = client.subscribeToStream(links, { resolveLinkTos: true });
      const toAll = client.subscribeToAll({
        resolveLinkTos: true,
        filter: streamNameFilter({ prefixes: [links] }),
      });
      try {
        const streamSeen = watch(toStream);
        const allSeen = watch(toAll);
        await eventually(
          () => streamSeen.events.length >= 1 && allSeen.events.length >= 1,
          'resolved links on both subscriptions',
        );
        for (const seen of [streamSeen.events[0], allSeen.events[0]]) {
          expect(seen.event?.id).toBe(targetEvent.event?.id);
          expect(seen.link?.streamId).toBe(links);
        }
      } finally {
        await toStream.unsubscribe();
        await toAll.unsubscribe();
      }
    });

    it('answers a link whose target cannot be read with the link alone, and a link that names no revision as itself', async () => {
      const softDeleted = uniqueStream('soft-deleted');
      const tombstoned = uniqueStream('tombstoned');
      const capped = uniqueStream('capped');
      const links = uniqueStream('links');
      await client.appendToStream(softDeleted, testEvent('Gone'));
      await client.appendToStream(tombstoned, testEvent('Gone'));
      await client.appendToStream(capped, [testEvent('Old'), testEvent('New')]);
      await client.setStreamMetadata(capped, { maxCount: 1 });
      await client.deleteStream(softDeleted);
      await client.tombstoneStream(tombstoned);
      await client.appendToStream(links, [
        linkTo(0, softDeleted),
        linkTo(0, tombstoned),
        linkTo(0, capped),
        linkTo(1, capped),
        linkTo(5, uniqueStream('never-written')),
        binaryEvent({ type: '$>', data: Buffer.from('not-a-number@somewhere') }),
      ]);

      const resolved = await readStreamEvents(client, links, { resolveLinkTos: true });
      expect(resolved.map((e) => e.event === undefined)).toEqual([
        true,
        true,
        true,
        false,
        true,
        false,
      ]);
      expect(resolved.slice(0, 5).map((e) => e.link?.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(resolved.slice(0, 5).every((e) => e.link?.type === '$>')).toBe(true);
      expect(resolved[3].event?.type).toBe('New');
      // Not a link the server can follow: it comes back as the stored event, not as a link.
      expect(resolved[5].event?.type).toBe('$>');
      expect(resolved[5].event?.revision).toBe(5n);
      expect(resolved[5].link).toBeUndefined();
      expect(resolved.map((e) => e.commitPosition)).toEqual(
        (await readStreamEvents(client, links)).map((e) => e.event?.position?.commit),
      );
    });
  });

  describe('standard projections', () => {
    it('links every event of a category from $ce-<category> and of a type from $et-<type>', async () => {
      const category = uniqueCategory();
      const type = `Typed${randomUUID().replace(/-/g, '')}`;
      const first = `${category}-1`;
      const second = `${category}-2`;
      await client.appendToStream(first, [testEvent(type, { n: 0 }), testEvent('Other', { n: 1 })]);
      await client.appendToStream(second, testEvent(type, { n: 2 }), {});
      const sources = [
        ...(await readStreamEvents(client, first)),
        ...(await readStreamEvents(client, second)),
      ];

      const byCategory = `$ce-${category}`;
      await eventually(
        async () => (await readIfExists(client, byCategory)).length >= 3,
        `three links in ${byCategory}`,
        PROJECTION_WAIT_MS,
      );
      const raw = await readStreamEvents(client, byCategory);
      expect(raw).toHaveLength(3);
      expect(raw.map((e) => e.event?.type)).toEqual(['$>', '$>', '$>']);
      expect(raw.map((e) => textOf(e.event?.data))).toEqual([
        `0@${first}`,
        `1@${first}`,
        `0@${second}`,
      ]);
      const metadata = raw.map((e) => e.event?.metadata as Record<string, unknown>);
      expect(metadata.map((m) => m.$o)).toEqual([first, first, second]);
      expect(metadata.map((m) => m.$causedBy)).toEqual(sources.map((e) => e.event?.id));
      for (const m of metadata) {
        expect(typeof m.$v).toBe('string');
        expect(typeof m.$c).toBe('number');
        expect(typeof m.$p).toBe('number');
      }

      const resolved = await readStreamEvents(client, byCategory, { resolveLinkTos: true });
      expect(resolved.map((e) => e.event?.id)).toEqual(sources.map((e) => e.event?.id));
      expect(resolved.map((e) => e.event?.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      expect(resolved.map((e) => e.link?.streamId)).toEqual([byCategory, byCategory, byCategory]);

      const byType = `$et-${type}`;
      await eventually(
        async () => (await readIfExists(client, byType)).length >= 2,
        `two links in ${byType}`,
        PROJECTION_WAIT_MS,
      );
      const typed = await readStreamEvents(client, byType, { resolveLinkTos: true });
      expect(typed.map((e) => e.event?.id)).toEqual([sources[0].event?.id, sources[2].event?.id]);
      expect(typed.map((e) => textOf(e.link?.data))).toEqual([`0@${first}`, `0@${second}`]);
      const typedMetadata = typed.map((e) => e.link?.metadata as Record<string, unknown>);
      expect(typedMetadata.map((m) => m.$causedBy)).toEqual([
        sources[0].event?.id,
        sources[2].event?.id,
      ]);
      expect(typedMetadata.every((m) => m.$o === undefined && typeof m.$v === 'string')).toBe(true);
    });

    it('follows a link appended by hand to what it points at', async () => {
      const category = uniqueCategory();
      const target = uniqueStream('link-target');
      await client.appendToStream(target, testEvent('Target'));
      await client.appendToStream(`${category}-1`, linkTo(0, target));
      const byCategory = `$ce-${category}`;
      await eventually(
        async () => (await readIfExists(client, byCategory)).length >= 1,
        `a link in ${byCategory}`,
        PROJECTION_WAIT_MS,
      );
      const [link] = await readStreamEvents(client, byCategory, { resolveLinkTos: true });
      expect(textOf(link.link?.data)).toBe(`0@${target}`);
      expect(link.event?.streamId).toBe(target);
    });

    it('reports the projections, their (empty) state and result, and stops and resumes on disable and enable', async () => {
      const listed = await client.listProjections();
      const names = listed.map((projection) => projection.name);
      expect(names).toEqual(expect.arrayContaining(['$by_category', '$by_event_type']));
      expect((await client.getProjectionStatus('$by_category')).projectionStatus).toBe('Running');
      expect(await client.getProjectionState('$by_category')).toEqual({});
      expect(await client.getProjectionResult('$by_event_type')).toEqual({});
      expect(
        await rejectionOf(client.getProjectionStatus(`no-such-${randomUUID()}`)),
      ).toBeDefined();

      const category = uniqueCategory();
      const byCategory = `$ce-${category}`;
      await client.disableProjection('$by_category');
      try {
        await eventually(
          async () =>
            (await client.getProjectionStatus('$by_category')).projectionStatus === 'Stopped',
          '$by_category stopped',
          PROJECTION_WAIT_MS,
        );
        await client.appendToStream(`${category}-1`, testEvent('WhileDisabled'));
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(await readIfExists(client, byCategory)).toEqual([]);
      } finally {
        await client.enableProjection('$by_category');
      }
      await eventually(
        async () => (await readIfExists(client, byCategory)).length === 1,
        `the link written once enabled again in ${byCategory}`,
        PROJECTION_WAIT_MS,
      );
      expect((await client.getProjectionStatus('$by_category')).projectionStatus).toBe('Running');
    });
  });
}
