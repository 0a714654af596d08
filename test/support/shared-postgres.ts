// A relative import: jest's global setup resolves no path aliases.
import { startPostgresServer, type PostgresServer } from '../../libs/embedded-postgres/src';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { makeTempDir, removeTempDir } from './temp-dir';

/** The admin URL of the embedded PostgreSQL server every spec of a jest run shares. */
export const SHARED_POSTGRES_VARIABLE = 'HIRESTREAM_SHARED_POSTGRES_URL';

type Started = { server: PostgresServer; folder: string };
const started: { current?: Started } = {};

/** In jest's global setup: one embedded server for the run (a database per spec file, below). */
export async function startSharedPostgres(): Promise<void> {
  const folder = await makeTempDir('shared-postgres');
  const server = await startPostgresServer({ port: 0, dataDir: join(folder, 'data') });
  started.current = { server, folder };
  process.env[SHARED_POSTGRES_VARIABLE] = server.connectionString;
}

/** In jest's global teardown. */
export async function stopSharedPostgres(): Promise<void> {
  const current = started.current;
  if (current === undefined) return;
  await current.server.close();
  await removeTempDir(current.folder);
}

async function withAdmin<T>(use: (client: Client) => Promise<T>): Promise<T> {
  const url = process.env[SHARED_POSTGRES_VARIABLE];
  if (url === undefined)
    throw new Error(`${SHARED_POSTGRES_VARIABLE} is not set (jest's global setup sets it)`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the shared server; its URL, and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${client.escapeIdentifier(name)}`));
  const url = new URL(process.env[SHARED_POSTGRES_VARIABLE]!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin((client) =>
        client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
      ).then(() => undefined),
  };
}
