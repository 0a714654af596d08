import { postgresDataFolder } from '@hirestream/embedded-postgres';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ReadModelConfig } from '@hirestream/read-models';
import { Client } from 'pg';
import { isProcessRunning } from '../libs/platform/src/bootstrap/parent-watch';
import { startDevstackProcess } from './support/devstack-process';
import { postmasterPid } from './support/platform-process';
import { makeTempDir, removeTempDir } from './support/temp-dir';

it('npm run devstack -- --postgres-port starts only PostgreSQL, on a fresh data folder, as the services expect it, and stops it on SIGTERM', async () => {
  const dataDir = await makeTempDir('devstack');
  const devstack = await startDevstackProcess({ dataDir, postgresPort: 0 });
  try {
    expect(devstack.eventStoreConnectionString).toBeUndefined();
    expect(devstack.kafkaBootstrapAddress).toBeUndefined();
    // The services' default DATABASE_URL but for the port: the same user, password and database.
    const expected = new URL(new ReadModelConfig().DATABASE_URL);
    const printed = new URL(devstack.postgresConnectionString ?? '');
    expected.port = printed.port;
    expect(printed.href).toBe(expected.href);
    expect(existsSync(join(postgresDataFolder(join(dataDir, 'postgres')), 'PG_VERSION'))).toBe(
      true,
    );

    const client = new Client({ connectionString: printed.href });
    await client.connect();
    try {
      // A service's first start creates its schema.
      await client.query('CREATE SCHEMA candidates');
      await client.query('CREATE TABLE candidates.started (id int PRIMARY KEY)');
      await client.query('INSERT INTO candidates.started VALUES (1)');
    } finally {
      await client.end();
    }

    const postmaster = postmasterPid(dataDir);
    await devstack.stop('SIGTERM');
    expect(devstack.child.exitCode).toBe(0);
    expect(isProcessRunning(postmaster)).toBe(false);
  } finally {
    await devstack.stop('SIGKILL');
    await removeTempDir(dataDir);
  }
});
