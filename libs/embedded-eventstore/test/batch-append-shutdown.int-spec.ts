import { EventStoreDBClient } from '@eventstore/db-client';
import { startEventStoreServer } from '@hirestream/embedded-eventstore';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import {
  readStreamEvents,
  rejectionOf,
  testEvent,
  uniqueStream,
} from './event-store-client-helpers';

describe('embedded event store: batch append across a shutdown', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await makeTempDir('batch-append-shutdown');
  });
  afterAll(async () => {
    await removeTempDir(dataDir);
  });

  it('ends the open batch-append call on close, and the client appends again after a restart', async () => {
    const stream = uniqueStream('restart');
    const first = await startEventStoreServer({ port: 0, dataDir, batchAppend: true });
    const client = EventStoreDBClient.connectionString(first.connectionString);
    try {
      await client.appendToStream(stream, testEvent('Before'));
      // The client keeps its batch-append call open; close must not wait out its grace period.
      const started = Date.now();
      await first.close();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await rejectionOf(client.appendToStream(stream, testEvent('Down')))).toBeDefined();

      const second = await startEventStoreServer({ port: first.port, dataDir, batchAppend: true });
      try {
        await client.appendToStream(stream, testEvent('After'));
        const types = (await readStreamEvents(client, stream)).map((e) => e.event?.type);
        expect(types).toEqual(['Before', 'After']);
      } finally {
        await client.dispose();
        await second.close();
      }
    } finally {
      await client.dispose();
      await first.close();
    }
  });
});
