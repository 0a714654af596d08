import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDevstackProcess } from '../test/support/devstack-process';
import { freePort } from '../test/support/free-port';
import { makeTempDir, removeTempDir } from '../test/support/temp-dir';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';
import { rssMegabytes } from './support/process-usage';
import { startServiceProcess } from './support/service-process';

// A service started as `npm start` runs it (TypeScript compiled at start by
// the register hook) and from `npm run build` (node on the compiled main.js):
// time to /health/ready and RSS once idle, on the embedded servers.
// `npm run bench -- service-start [--service NAME] [--runs N]` (candidates, 3).

const root = join(__dirname, '..');
const IDLE_MS = 10_000;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const service = option('service', 'candidates');
  const runs = Number(option('runs', '3'));
  const build = spawnSync(
    process.execPath,
    [...TYPESCRIPT_NODE_ARGS, join(root, 'tools', 'build.ts')],
    {
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error('npm run build failed');
  const ways = [
    {
      name: 'register hook (npm start)',
      nodeArgs: TYPESCRIPT_NODE_ARGS,
      entry: `apps/${service}/src/main.ts`,
    },
    {
      name: 'build (node dist/…/main.js)',
      nodeArgs: [],
      entry: `dist/apps/${service}/src/main.js`,
    },
  ];
  const folder = await makeTempDir('service-start-bench');
  const devstack = await startDevstackProcess({
    dataDir: join(folder, 'devstack'),
    eventStorePort: 0,
    kafkaPort: 0,
    postgresPort: await freePort(),
  });
  try {
    const env = {
      EVENTSTORE_CONNECTION_STRING: devstack.eventStoreConnectionString ?? '',
      KAFKA_BROKERS: devstack.kafkaBootstrapAddress ?? '',
      DATABASE_URL: devstack.postgresConnectionString ?? '',
      AUTH_MODE: 'development',
      LOG_LEVEL: 'warn',
    };
    for (const way of ways) {
      const ready: number[] = [];
      const cpu: number[] = [];
      const idle: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const started = await startServiceProcess({
          entry: join(root, way.entry),
          nodeArgs: way.nodeArgs,
          port: await freePort(),
          env,
          timeoutMs: 60_000,
          pollMs: 20,
        });
        await sleep(IDLE_MS);
        ready.push(started.readyAfterMs);
        cpu.push(started.cpuSecondsAtReady);
        idle.push(rssMegabytes(started.pid));
        await started.stop();
      }
      console.log(
        `${service}, ${way.name}: ready after ${median(ready).toFixed(0)} ms (median of ${runs}; ` +
          `${median(cpu).toFixed(2)} CPU s), RSS ${median(idle).toFixed(0)} MB idle ${IDLE_MS / 1000} s after ready`,
      );
    }
  } finally {
    await devstack.stop();
    await removeTempDir(folder);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
