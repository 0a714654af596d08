import { EventStoreDBClient } from '@eventstore/db-client';
import { startDevstackProcess } from '../../test/support/devstack-process';
import { makeTempDir, removeTempDir } from '../../test/support/temp-dir';

/**
 * Runs `use` against the embedded EventStoreDB in a process of its own, as `npm start`
 * runs it, on a fresh data folder; stops it and removes the folder after.
 */
export async function withEmbeddedEventStore(
  name: string,
  use: (client: EventStoreDBClient, serverPid: number) => Promise<void>,
): Promise<void> {
  const folder = await makeTempDir(name);
  try {
    const devstack = await startDevstackProcess({ dataDir: folder, eventStorePort: 0 });
    const client = EventStoreDBClient.connectionString`${devstack.eventStoreConnectionString ?? ''}`;
    try {
      await use(client, devstack.child.pid ?? 0);
    } finally {
      await client.dispose();
      await devstack.stop();
    }
  } finally {
    await removeTempDir(folder);
  }
}
