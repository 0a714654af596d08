import { startEventStoreServer, type EventStoreServer } from '@hirestream/embedded-eventstore';
import { startKafkaBroker, type KafkaBroker } from '@hirestream/embedded-kafka';
import { join } from 'node:path';
import { createTestDatabase } from './shared-postgres';
import { makeTempDir, removeTempDir } from './temp-dir';

export interface EmbeddedServers {
  readonly eventStore: EventStoreServer;
  readonly kafka: KafkaBroker;
  /** The environment a service needs to reach them. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * The embedded EventStoreDB and Kafka servers in this process, on free ports,
 * with data in a fresh temp dir, and a fresh database on the run's shared
 * embedded PostgreSQL server.
 */
export async function startEmbeddedServers(name: string): Promise<EmbeddedServers> {
  const dataDir = await makeTempDir(name);
  const database = await createTestDatabase();
  const eventStore = await startEventStoreServer({ port: 0, dataDir: join(dataDir, 'eventstore') });
  const kafka = await startKafkaBroker({
    port: 0,
    dataDir: join(dataDir, 'kafka'),
    defaultPartitions: 3,
  });
  return {
    eventStore,
    kafka,
    env: {
      EVENTSTORE_CONNECTION_STRING: eventStore.connectionString,
      KAFKA_BROKERS: kafka.bootstrapAddress,
      LOG_LEVEL: 'warn',
      AUTH_MODE: 'development',
      DATABASE_URL: database.url,
      // The audit service's development signing key goes here, as npm start puts it in .data.
      AUDIT_DATA_DIR: join(dataDir, 'audit'),
      // The personal-data key-encryption key too, as npm start puts it in its data folder.
      PERSONAL_DATA_KEK_FILE: join(dataDir, 'personal-data', 'key-encryption-key'),
    },
    async stop() {
      await Promise.all([eventStore.close(), kafka.close()]);
      await database.drop();
      await removeTempDir(dataDir);
    },
  };
}
