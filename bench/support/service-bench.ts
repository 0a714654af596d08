import { EventStoreDBClient } from '@eventstore/db-client';
import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventSerializer, EventStore } from '@hirestream/event-sourcing';
import { bootstrapService, type ServiceOptions } from '@hirestream/platform';
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDevstackProcess } from '../../test/support/devstack-process';
import { makeTempDir, removeTempDir } from '../../test/support/temp-dir';
import { driveConnection, percentile, type LoadCounters } from './keep-alive-load';
import { TYPESCRIPT_NODE_ARGS } from '../../tools/typescript-runtime';
import { childCpuMicros, readyPort, reportReady } from './served-child';

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

const SERVE_FLAG = '--serve';

/** The service a benchmark drives: its process, its port, and a store on the same servers. */
export type ServedService = Readonly<{
  child: ChildProcess;
  port: number;
  store: EventStore;
  client: EventStoreDBClient;
}>;

/**
 * Forks the benchmark file as the service (`--serve`, see `runServiceBench`) on
 * the servers, runs `bench` once it listens, with a store of its own on the
 * same servers, and stops the service however it ends.
 */
export async function withServedService(
  benchFile: string,
  env: BenchServers,
  bench: (served: ServedService) => Promise<void>,
): Promise<void> {
  const child = fork(benchFile, [SERVE_FLAG], {
    execArgv: [...TYPESCRIPT_NODE_ARGS],
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const client = EventStoreDBClient.connectionString`${env.EVENTSTORE_CONNECTION_STRING}`;
  const store = new EventStore(client, new EventSerializer(hirestreamEventCatalog));
  try {
    await bench({ child, port: await readyPort(child), store, client });
  } finally {
    await client.dispose();
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/**
 * A service benchmark file's whole run: started with `--serve` the file is the
 * service (`options`); otherwise it runs `bench` against fresh embedded servers
 * (`withBenchServers`), and a failure exits non-zero.
 */
export function runServiceBench(
  name: string,
  benchFile: string,
  options: ServiceOptions,
  bench: (servers: BenchServers) => Promise<void>,
): void {
  if (process.argv.includes(SERVE_FLAG)) {
    void serveService(options);
    return;
  }
  withBenchServers(name, bench).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
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

/** What `measureCommands` measured. */
export type CommandLoad = Readonly<{ perSecond: number; cpuMicrosPerCommand: number }>;

/**
 * Drives one keep-alive connection per request builder for a warm-up, then
 * measures for `measureMs`: commands answered `okStatus` per second, the
 * service's CPU per command (from its child process), and latencies; prints
 * them under `title`, naming each command `noun`. A failed request fails the run.
 */
export async function measureCommands(
  options: Readonly<{
    child: ChildProcess;
    port: number;
    requests: readonly (() => Buffer)[];
    okStatus: number;
    title: string;
    noun: string;
    warmupMs: number;
    measureMs: number;
  }>,
): Promise<CommandLoad> {
  const { child, port, requests, okStatus } = options;
  const warmup: LoadCounters = { ok: 0, failed: 0 };
  let sockets = requests.map((request) => driveConnection(port, request, warmup, okStatus));
  await sleep(options.warmupMs);
  sockets.forEach((socket) => socket.destroy());

  const counters: LoadCounters = { ok: 0, failed: 0, latencies: [] };
  const cpuBefore = await childCpuMicros(child);
  const started = performance.now();
  sockets = requests.map((request) => driveConnection(port, request, counters, okStatus));
  await sleep(options.measureMs);
  sockets.forEach((socket) => socket.destroy());
  const seconds = (performance.now() - started) / 1000;
  const cpuMicrosPerCommand = ((await childCpuMicros(child)) - cpuBefore) / counters.ok;
  const latencies = counters.latencies ?? [];
  const perSecond = counters.ok / seconds;
  console.log(`${options.title}, ${options.measureMs / 1000} s:`);
  console.log(`  ${Math.round(perSecond)} ${options.noun}s/s; failed: ${counters.failed}`);
  console.log(
    `  service CPU ${Math.round(cpuMicrosPerCommand)} µs per ${options.noun} (with its relay and projections)`,
  );
  console.log(
    `  latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
  if (counters.failed > 0 || warmup.failed > 0) process.exitCode = 1;
  return { perSecond, cpuMicrosPerCommand };
}
