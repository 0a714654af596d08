import { startPostgresServer } from '@hirestream/embedded-postgres';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { GenericContainer, Wait } from 'testcontainers';
import { describeWithDocker } from './describe-with-docker';
import { makeTempDir, removeTempDir } from './temp-dir';

/** A superuser URL of a PostgreSQL server that .ci/run (or a developer) started for the tests. */
export const TEST_POSTGRES_URL_VARIABLE = 'HIRESTREAM_TEST_POSTGRES_URL';

const POSTGRES_IMAGE = 'postgres:17-alpine';
const CONTAINER_STARTUP_TIMEOUT_MS = 180_000;

export interface PostgresTarget {
  /** Which server this is, for messages. */
  readonly name: string;
  /** A database of this suite's own: created empty before its tests, dropped after them. */
  connectionString(): string;
}

/** A running server on which a suite may create and drop databases. */
interface TargetServer {
  readonly adminConnectionString: string;
  stop(): Promise<void>;
}

/**
 * Declares `suite` once per PostgreSQL target, each in a fresh database: the embedded server
 * (always), the server named by HIRESTREAM_TEST_POSTGRES_URL (Debian's PostgreSQL under .ci/run)
 * and a `postgres` container where a container runtime answers. Targets that cannot run here are
 * skipped with the reason printed.
 */
export function describeEachPostgres(name: string, suite: (target: PostgresTarget) => void): void {
  describe(`${name} [embedded PostgreSQL]`, onServer('embedded PostgreSQL', startEmbedded, suite));

  const externalName = `PostgreSQL at ${TEST_POSTGRES_URL_VARIABLE}`;
  const externalUrl = process.env[TEST_POSTGRES_URL_VARIABLE];
  const externalSuite = onServer(externalName, () => useExternal(externalUrl ?? ''), suite);
  if (externalUrl) {
    describe(`${name} [${externalName}]`, externalSuite);
  } else {
    process.stdout.write(
      `skipping "${name} [${externalName}]": ${TEST_POSTGRES_URL_VARIABLE} is not set (.ci/run sets it)\n`,
    );
    describe.skip(`${name} [${externalName}]`, externalSuite);
  }

  describeWithDocker(
    `${name} [${POSTGRES_IMAGE} container]`,
    onServer(`${POSTGRES_IMAGE} container`, startContainer, suite),
  );
}

function onServer(
  targetName: string,
  startServer: () => Promise<TargetServer>,
  suite: (target: PostgresTarget) => void,
): () => void {
  return () => {
    let server: TargetServer | undefined;
    let databaseUrl: string | undefined;
    const database = `test_${randomBytes(6).toString('hex')}`;

    beforeAll(async () => {
      server = await startServer();
      await withClient(server.adminConnectionString, (client) =>
        client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`),
      );
      const url = new URL(server.adminConnectionString);
      url.pathname = `/${database}`;
      databaseUrl = url.toString();
    }, CONTAINER_STARTUP_TIMEOUT_MS);
    afterAll(async () => {
      if (server === undefined) return;
      if (databaseUrl !== undefined)
        await withClient(server.adminConnectionString, (client) =>
          client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`),
        );
      await server.stop();
    });

    suite({
      name: targetName,
      connectionString() {
        if (databaseUrl === undefined) throw new Error(`${targetName} has not started`);
        return databaseUrl;
      },
    });
  };
}

async function startEmbedded(): Promise<TargetServer> {
  const folder = await makeTempDir('postgres');
  const server = await startPostgresServer({ port: 0, dataDir: join(folder, 'data') });
  return {
    adminConnectionString: server.connectionString,
    async stop() {
      await server.close();
      await removeTempDir(folder);
    },
  };
}

async function useExternal(url: string): Promise<TargetServer> {
  return { adminConnectionString: url, stop: async () => undefined };
}

async function startContainer(): Promise<TargetServer> {
  const password = 'test';
  const container = await new GenericContainer(POSTGRES_IMAGE)
    .withEnvironment({ POSTGRES_PASSWORD: password })
    .withExposedPorts(5432)
    // The image's entry point starts a temporary server for its init scripts first.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .withStartupTimeout(CONTAINER_STARTUP_TIMEOUT_MS)
    .start();
  return {
    adminConnectionString: `postgres://postgres:${password}@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    async stop() {
      await container.stop();
    },
  };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
