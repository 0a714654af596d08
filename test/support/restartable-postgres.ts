import {
  EMBEDDED_POSTGRES_PASSWORD,
  EMBEDDED_POSTGRES_USER,
  startPostgresServer,
  type PostgresServer,
} from '@hirestream/embedded-postgres';
import { join } from 'node:path';
import { freePort } from './free-port';
import { makeTempDir, removeTempDir } from './temp-dir';

/** An embedded PostgreSQL server of a test's own, to stop and start again on the same port and data. */
export interface RestartablePostgres {
  /** Known before the first start, so a service can be pointed at a server that is not there yet. */
  readonly connectionString: string;
  start(): Promise<void>;
  /** A fast shutdown: open sessions end. */
  stop(): Promise<void>;
  /** Stops it if running and removes its data. */
  remove(): Promise<void>;
}

export async function restartablePostgres(name: string): Promise<RestartablePostgres> {
  const folder = await makeTempDir(name);
  const port = await freePort();
  let server: PostgresServer | undefined;
  const stop = async () => {
    await server?.close();
    server = undefined;
  };
  return {
    connectionString: `postgres://${EMBEDDED_POSTGRES_USER}:${EMBEDDED_POSTGRES_PASSWORD}@127.0.0.1:${port}/hirestream`,
    async start() {
      server ??= await startPostgresServer({ port, dataDir: join(folder, 'data') });
    },
    stop,
    async remove() {
      await stop();
      await removeTempDir(folder);
    },
  };
}
