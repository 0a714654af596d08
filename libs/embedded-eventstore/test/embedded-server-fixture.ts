import { EventStoreDBClient } from '@eventstore/db-client';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { credentials } from '@grpc/grpc-js';
import { startEventStoreServer, type EventStoreServer } from '@hirestream/embedded-eventstore';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';

export interface EmbeddedServerFixture {
  readonly server: EventStoreServer;
  /** The real client, for everything it can express. */
  readonly client: EventStoreDBClient;
  /** A bare generated `Streams` client, for requests the real client never sends. */
  readonly raw: StreamsClient;
}

/** Starts an embedded server in a temp dir for the enclosing suite; read the fixture inside tests. */
export function useEmbeddedServer(name: string): () => EmbeddedServerFixture {
  let dataDir: string;
  let fixture: EmbeddedServerFixture | undefined;
  beforeAll(async () => {
    dataDir = await makeTempDir(name);
    const server = await startEventStoreServer({ port: 0, dataDir });
    fixture = {
      server,
      client: EventStoreDBClient.connectionString(server.connectionString),
      raw: new StreamsClient(`127.0.0.1:${server.port}`, credentials.createInsecure()),
    };
  });
  afterAll(async () => {
    fixture?.raw.close();
    await fixture?.client.dispose();
    await fixture?.server.close();
    await removeTempDir(dataDir);
  });
  return () => {
    if (fixture === undefined) throw new Error('the embedded server is not running');
    return fixture;
  };
}
