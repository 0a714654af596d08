import { bootstrapService, type ServiceOptions } from '@hirestream/platform';
import { loadavg } from 'node:os';
import { startDevstackProcess } from '../../test/support/devstack-process';
import { makeTempDir, removeTempDir } from '../../test/support/temp-dir';
import { reportReady } from './served-child';

/** What a service under test is given to reach the embedded servers. */
export type BenchServers = Readonly<{
  EVENTSTORE_CONNECTION_STRING: string;
  KAFKA_BROKERS: string;
  DATABASE_URL: string;
  AUTH_MODE: 'development';
}>;

/** In the benchmark's child: the service on a free port, reporting when it is ready. */
export async function serveService(options: ServiceOptions): Promise<void> {
  const app = await bootstrapService({ ...options, port: 0, shutdownHooks: false });
  process.on('SIGINT', () => process.exit(0));
  reportReady(Number(new URL(await app.getUrl()).port));
}

const loadAverage = (): string =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');

/**
 * Runs `bench` against fresh embedded servers (EventStoreDB, Kafka and PostgreSQL
 * in a devstack process, data in a temp folder), stopping and removing them
 * however it ends, with the machine's load average printed before and after.
 */
export async function withBenchServers(
  name: string,
  bench: (servers: BenchServers) => Promise<void>,
): Promise<void> {
  console.log(`load average before: ${loadAverage()}`);
  const dataDir = await makeTempDir(`${name}-bench`);
  const devstack = await startDevstackProcess({
    dataDir,
    eventStorePort: 0,
    kafkaPort: 0,
    postgresPort: 0,
  });
  try {
    await bench({
      EVENTSTORE_CONNECTION_STRING: devstack.eventStoreConnectionString ?? '',
      KAFKA_BROKERS: devstack.kafkaBootstrapAddress ?? '',
      DATABASE_URL: devstack.postgresConnectionString ?? '',
      AUTH_MODE: 'development',
    });
  } finally {
    await devstack.stop();
    await removeTempDir(dataDir);
  }
  console.log(`load average after: ${loadAverage()}`);
}
