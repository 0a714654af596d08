import { EventStoreDBClient } from '@eventstore/db-client';
import { EventCatalog, type EventContract } from '@hirestream/contracts';
import { startEventStoreServer, type EventStoreServer } from '@hirestream/embedded-eventstore';
import { join } from 'node:path';
import { EventSerializer, EventStore } from '../../src';
import { makeTempDir, removeTempDir } from '../../../../test/support/temp-dir';

export const testContext = {
  actor: { id: 'tester', role: 'admin' as const },
  correlationId: 'corr',
  causationId: 'cause',
};

export type EmbeddedStore = {
  client: EventStoreDBClient;
  store: EventStore;
  /** For other processes to reach the server. */
  connectionString: string;
};

/**
 * An embedded EventStoreDB server for the suite (started before all its tests,
 * stopped after), with a client and an `EventStore` reading `contracts`.
 */
export function useEmbeddedStore(
  name: string,
  contracts: readonly EventContract[],
): Readonly<EmbeddedStore> {
  const current = {} as EmbeddedStore;
  let dataDir: string;
  let server: EventStoreServer | undefined;
  beforeAll(async () => {
    dataDir = await makeTempDir(name);
    server = await startEventStoreServer({ port: 0, dataDir: join(dataDir, 'es') });
    current.connectionString = server.connectionString;
    current.client = EventStoreDBClient.connectionString`${server.connectionString}`;
    current.store = new EventStore(
      current.client,
      new EventSerializer(new EventCatalog([...contracts])),
    );
  });
  afterAll(async () => {
    await current.client?.dispose();
    await server?.close();
    await removeTempDir(dataDir);
  });
  return current;
}
