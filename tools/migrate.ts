import { createServiceApp, loadConfig, PlatformConfig } from '@hirestream/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { serviceOptionsOf } from './service-options';
import { SERVICES } from './services';

// `hirestream migrate SERVICE` (the image's Kubernetes Job, before a rollout):
// creates the service's read-model tables and projection builds exactly as
// the service does at start (each projection's migrations, under the same
// advisory lock), then exits: 0 once done, 1 naming what failed. Services
// migrate at start as well; the Job makes a failing migration stop the rollout
// instead of failing every new pod.
const usage = `Usage: hirestream migrate SERVICE   (${SERVICES.map((s) => s.name).join(', ')})
Reads the service's variables (DATABASE_URL…); waits up to MIGRATE_WAIT_SECONDS (120) for PostgreSQL.`;
const WAIT_POLL_MS = 1_000;

async function waitForPostgres(url: string, waitSeconds: number): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(
          `PostgreSQL (DATABASE_URL) not reachable within ${waitSeconds} s: ${(error as Error).message}`,
          { cause: error },
        );
      }
      await sleep(WAIT_POLL_MS);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (name === undefined || name === '--help' || !SERVICES.some((s) => s.name === name)) {
    console.error(usage);
    process.exit(name === '--help' ? 0 : 1);
  }
  const options = serviceOptionsOf(name);
  // Nothing in the background and no listening: only the modules' initialization, where migrations run.
  const env = { ...process.env, ROLE: 'api' };
  const config = loadConfig(options.config ?? PlatformConfig, env) as PlatformConfig & {
    DATABASE_URL?: string;
  };
  if (config.DATABASE_URL === undefined) {
    console.log(`${name} has no read models: nothing to migrate`);
    return;
  }
  await waitForPostgres(config.DATABASE_URL, Number(process.env.MIGRATE_WAIT_SECONDS ?? 120));
  const app = await createServiceApp({ ...options, env, shutdownHooks: false });
  await app.close();
  console.log(`${name}: read-model migrations done`);
}

main().catch((error: unknown) => {
  console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
