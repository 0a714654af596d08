import {
  postgresDataFolder,
  startPostgresServer,
  type PostgresServer,
} from '@hirestream/embedded-postgres';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { locatePostgresBinaries } from '../src/postgres-binaries';
import { reachableBinaries } from '../src/relocated-binaries';
import { serverOsUser } from '../src/server-os-user';
import { TYPESCRIPT_NODE_ARGS } from '../../../tools/typescript-runtime';
import { waitUntil } from '../../embedded-kafka/test/wait-until';

async function query<T>(connectionString: string, sql: string, values: unknown[] = []) {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function candidateNames(server: PostgresServer): Promise<string[]> {
  const rows = await query<{ name: string }>(
    server.connectionString,
    'SELECT name FROM candidates ORDER BY name',
  );
  return rows.map((row) => row.name);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** The server's lifecycle on its data folder; what it serves is checked in postgres-behaviour. */
describe('embedded PostgreSQL server', () => {
  let folder: string;
  let dataDir: string;
  let server: PostgresServer | undefined;

  beforeEach(async () => {
    folder = await makeTempDir('postgres-server');
    dataDir = join(folder, 'data');
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await removeTempDir(folder);
  });

  it('initialises a new folder, picks a free port for 0 and creates the platform database', async () => {
    server = await startPostgresServer({ port: 0, dataDir });
    expect(server.port).toBeGreaterThan(0);
    expect(server.connectionString).toBe(
      `postgres://hirestream:hirestream-development@127.0.0.1:${server.port}/hirestream`,
    );
    const [row] = await query<{ database: string; version: string }>(
      server.connectionString,
      "SELECT current_database() AS database, current_setting('server_version_num') AS version",
    );
    expect(row.database).toBe('hirestream');
    expect(Number(row.version)).toBeGreaterThanOrEqual(180_000);
    expect(await readFile(join(postgresDataFolder(dataDir), 'PG_VERSION'), 'utf8')).toBe('18\n');
  });

  it('keeps committed rows across a restart on the same folder', async () => {
    server = await startPostgresServer({ port: 0, dataDir });
    await query(server.connectionString, 'CREATE TABLE candidates (name text)');
    await query(server.connectionString, "INSERT INTO candidates VALUES ('Ada')");
    await server.close();

    server = await startPostgresServer({ port: 0, dataDir });
    expect(await candidateNames(server)).toEqual(['Ada']);
  });

  it('frees its port and stops its processes on close', async () => {
    server = await startPostgresServer({ port: 0, dataDir });
    const { port, pid } = server;
    await server.close();
    await server.exited;
    expect(isAlive(pid)).toBe(false);
    const reuse = await listen(port);
    await new Promise((resolve) => reuse.close(resolve));
  });

  it('recovers committed rows after its postmaster is killed', async () => {
    server = await startPostgresServer({ port: 0, dataDir });
    await query(server.connectionString, 'CREATE TABLE candidates (name text)');
    await query(server.connectionString, "INSERT INTO candidates VALUES ('Ada'), ('Grace')");
    process.kill(server.pid, 'SIGKILL');
    await server.exited;

    server = await startPostgresServer({ port: 0, dataDir });
    expect(await candidateNames(server)).toEqual(['Ada', 'Grace']);
    expect(await readFile(server.logFile, 'utf8')).toMatch(/database system was interrupted/);
  });

  it('stops the server a killed host left running, then starts its own', async () => {
    const host = spawn(
      process.execPath,
      [
        ...TYPESCRIPT_NODE_ARGS,
        '-e',
        `require(${JSON.stringify(join(__dirname, '..', 'src', 'index.ts'))})
          .startPostgresServer({ port: 0, dataDir: ${JSON.stringify(dataDir)}, log: () => {} })
          .then((server) => console.log('ready ' + server.pid + ' ' + server.connectionString));`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const output: string[] = [];
    createInterface({ input: host.stdout! }).on('line', (line) => output.push(line));
    await waitUntil('the host is ready', () => output.length > 0, 30_000);
    const [, orphanPid, orphanUrl] = output[0].split(' ');
    await query(orphanUrl, 'CREATE TABLE candidates (name text)');
    await query(orphanUrl, "INSERT INTO candidates VALUES ('Ada')");
    host.kill('SIGKILL');
    await once(host, 'exit');
    expect(isAlive(Number(orphanPid))).toBe(true);
    // PostgreSQL's own log lines went to its log file, not to the host's output.
    expect(output).toHaveLength(1);

    server = await startPostgresServer({ port: 0, dataDir });
    expect(isAlive(Number(orphanPid))).toBe(false);
    expect(await candidateNames(server)).toEqual(['Ada']);
  });

  it('starts when postmaster.pid names a live process that is not PostgreSQL', async () => {
    server = await startPostgresServer({ port: 0, dataDir });
    const lockFile = join(postgresDataFolder(dataDir), 'postmaster.pid');
    const lock = await readFile(lockFile, 'utf8');
    await server.close();
    // PostgreSQL itself treats a PID it may not signal as stale, so the stranger runs as its user.
    const user = serverOsUser('postgres');
    const stranger = spawn('sleep', ['30'], { stdio: 'ignore', uid: user?.uid, gid: user?.gid });
    try {
      await writeFile(lockFile, lock.replace(/^\d+/, String(stranger.pid)));
      server = await startPostgresServer({ port: 0, dataDir });
      expect(isAlive(stranger.pid ?? 0)).toBe(true);
    } finally {
      stranger.kill();
    }
  });

  it('refuses a second server on a folder that is in use', async () => {
    server = await startPostgresServer({ port: 0, dataDir });
    await expect(startPostgresServer({ port: 0, dataDir })).rejects.toThrow(
      /already runs on .* for process \d+/,
    );
  });

  it('says so when the port is taken', async () => {
    const taken = await listen(0);
    const address = taken.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(startPostgresServer({ port, dataDir })).rejects.toThrow(
        `port ${port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('refuses a folder that holds something else or another major version’s data', async () => {
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), 'mine');
    await expect(startPostgresServer({ port: 0, dataDir })).rejects.toThrow(
      /is not empty and is not a PostgreSQL data folder/,
    );
    await writeFile(join(dataDir, 'PG_VERSION'), '17\n');
    await expect(startPostgresServer({ port: 0, dataDir })).rejects.toThrow(
      /holds PostgreSQL 17 data, and these binaries are PostgreSQL 18/,
    );
  });

  it('refuses a port outside 0–65535', async () => {
    await expect(startPostgresServer({ port: 70_000, dataDir })).rejects.toThrow(
      'port must be an integer from 0 to 65535',
    );
  });

  it('keeps PostgreSQL’s log in the data folder', async () => {
    server = await startPostgresServer({ port: 0, dataDir });
    expect(server.logFile).toBe(join(dataDir, 'server.log'));
    await waitUntil('the log says the server is ready', async () =>
      (await readFile(server?.logFile ?? '', 'utf8')).includes('ready to accept connections'),
    );
  });
});

/** As root the server runs as the `postgres` OS user, which cannot enter a `mkdtemp` folder (0700). */
const asRoot = process.getuid?.() === 0;
if (!asRoot) console.log('skipping the root-only data folder tests: this process is not root');
(asRoot ? describe : describe.skip)(
  'as root, a data folder the server’s OS user cannot reach',
  () => {
    let folder: string;
    let dataDir: string;
    let notices: string[];
    const servers: PostgresServer[] = [];

    const start = async (at: string = dataDir): Promise<PostgresServer> => {
      const server = await startPostgresServer({
        port: 0,
        dataDir: at,
        log: (line) => notices.push(line),
      });
      servers.push(server);
      return server;
    };

    beforeEach(async () => {
      folder = await makeTempDir('postgres-unreachable');
      dataDir = join(folder, 'data');
      notices = [];
    });
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((server) => server.close()));
      await removeTempDir(folder);
    });

    it('keeps the data where that user can reach it, names it in the folder, says so once and leaves the folders above alone', async () => {
      let server = await start();
      const pgdata = postgresDataFolder(dataDir);
      expect(pgdata).toMatch(/^\/.+\/hirestream-postgres\/data\/[0-9a-f]{16}\/pgdata$/);
      expect(await readFile(join(dataDir, 'real-data-folder'), 'utf8')).toBe(`${pgdata}\n`);
      expect(await readFile(join(pgdata, 'PG_VERSION'), 'utf8')).toBe('18\n');
      expect(notices).toEqual([
        `PostgreSQL runs as the OS user "postgres" (this process is root), which cannot enter ${folder}: ` +
          `the data of ${dataDir} is kept in ${pgdata}, as ${join(dataDir, 'real-data-folder')} says`,
      ]);
      expect((await stat(folder)).mode & 0o777).toBe(0o700);
      expect(server.logFile).toBe(join(dataDir, 'server.log'));

      await query(server.connectionString, 'CREATE TABLE candidates (name text)');
      await query(server.connectionString, "INSERT INTO candidates VALUES ('Ada')");
      await server.close();
      server = await start();
      expect(await candidateNames(server)).toEqual(['Ada']);
      expect(postgresDataFolder(dataDir)).toBe(pgdata);
      expect(notices).toHaveLength(1);
    });

    it('keeps the guarantees: crash recovery, a folder in use is refused', async () => {
      let server = await start();
      await query(server.connectionString, 'CREATE TABLE candidates (name text)');
      await query(server.connectionString, "INSERT INTO candidates VALUES ('Ada')");
      process.kill(server.pid, 'SIGKILL');
      await server.exited;
      servers.splice(0);

      server = await start();
      expect(await candidateNames(server)).toEqual(['Ada']);
      expect(await readFile(server.logFile, 'utf8')).toMatch(/database system was interrupted/);
      await expect(start()).rejects.toThrow(/already runs on .* for process \d+/);
    });

    it('starts empty once the data folder is removed, and removes the data it named', async () => {
      let server = await start();
      await query(server.connectionString, 'CREATE TABLE candidates (name text)');
      const old = postgresDataFolder(dataDir);
      await server.close();
      servers.splice(0);
      await rm(dataDir, { recursive: true });

      server = await start();
      expect(postgresDataFolder(dataDir)).not.toBe(old);
      expect(existsSync(dirname(old))).toBe(false);
      const tables = await query(
        server.connectionString,
        "SELECT 1 FROM pg_tables WHERE tablename = 'candidates'",
      );
      expect(tables).toEqual([]);
    });

    it('starts empty, and says so, when the data its folder names is gone', async () => {
      const server = await start();
      await query(server.connectionString, 'CREATE TABLE candidates (name text)');
      const gone = postgresDataFolder(dataDir);
      await server.close();
      await rm(dirname(gone), { recursive: true });

      const restarted = await start();
      const pgdata = postgresDataFolder(dataDir);
      expect(notices.at(-1)).toBe(
        `the PostgreSQL data of ${dataDir} was kept in ${gone}, which is gone: ` +
          `starting with an empty database in ${pgdata}`,
      );
      await expect(candidateNames(restarted)).rejects.toThrow(
        /relation "candidates" does not exist/,
      );
    });

    it('finds a moved data folder’s data; a copied one starts empty and the original keeps its own', async () => {
      let server = await start();
      await query(server.connectionString, 'CREATE TABLE candidates (name text)');
      await query(server.connectionString, "INSERT INTO candidates VALUES ('Ada')");
      const pgdata = postgresDataFolder(dataDir);
      await server.close();
      servers.splice(0);

      const moved = join(folder, 'moved');
      await rename(dataDir, moved);
      server = await start(moved);
      expect(await candidateNames(server)).toEqual(['Ada']);
      expect(postgresDataFolder(moved)).toBe(pgdata);
      expect(notices.at(-1)).toBe(
        `the PostgreSQL data in ${pgdata} moved with its data folder from ${dataDir} to ${moved}`,
      );
      await server.close();
      servers.splice(0);

      const copy = join(folder, 'copy');
      await cp(moved, copy, { recursive: true });
      const copied = await start(copy);
      expect(postgresDataFolder(copy)).not.toBe(pgdata);
      expect(notices.at(-1)).toBe(
        `${copy} is a copy of ${moved}, whose PostgreSQL data stays in ${pgdata}: ` +
          `starting with an empty database in ${postgresDataFolder(copy)}`,
      );
      await expect(candidateNames(copied)).rejects.toThrow(/relation "candidates" does not exist/);
      server = await start(moved);
      expect(await candidateNames(server)).toEqual(['Ada']);
    });

    it('runs binaries it cannot reach (a clone in /root) from a copy of them', async () => {
      const installed = locatePostgresBinaries();
      const behindFolder = join(folder, 'package');
      await symlink(dirname(dirname(dirname(installed.postgres))), behindFolder);
      const unreachable = {
        ...installed,
        initdb: join(behindFolder, 'native', 'bin', basename(installed.initdb)),
        postgres: join(behindFolder, 'native', 'bin', basename(installed.postgres)),
      };
      const user = serverOsUser('postgres')!;
      const asUser = { uid: user.uid, gid: user.gid, encoding: 'utf8' } as const;
      expect(spawnSync(unreachable.postgres, ['--version'], asUser).error).toMatchObject({
        code: 'EACCES',
      });

      const binaries = await reachableBinaries(unreachable, user, (line) => notices.push(line));
      expect(binaries.postgres).toMatch(
        /\/hirestream-postgres\/binaries\/[a-z0-9]+-[a-z0-9]+-18\.[^/]+\/bin\/postgres$/,
      );
      expect(spawnSync(binaries.postgres, ['--version'], asUser).stdout).toMatch(
        /^postgres \(PostgreSQL\) 18\./,
      );
      expect(spawnSync(binaries.initdb, ['--version'], asUser).stdout).toMatch(
        /^initdb \(PostgreSQL\) 18\./,
      );
    });
  },
);
