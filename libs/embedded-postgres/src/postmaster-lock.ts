import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a running postmaster writes to `postmaster.pid` (see PostgreSQL's pidfile.h). */
export interface PostmasterLock {
  readonly pid: number;
  /** Start time, in seconds since the epoch. */
  readonly startedAt: number;
  readonly port: number;
  /** `starting`, `stopping`, `ready` or `standby`. */
  readonly status: string;
}

export function readPostmasterLock(dataDir: string): PostmasterLock | undefined {
  let lines: string[];
  try {
    lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  return {
    pid: Number(lines[0]),
    startedAt: Number(lines[2]),
    port: Number(lines[3]),
    status: (lines[7] ?? '').trim(),
  };
}

/** Whether the postmaster `dataDir`'s lock names is alive (a reused PID counts: in doubt, yes). */
export function postmasterRunning(dataDir: string): boolean {
  const lock = readPostmasterLock(dataDir);
  return lock !== undefined && Number.isInteger(lock.pid) && lock.pid > 0 && isAlive(lock.pid);
}

/** Which process started the postmaster, so a later start can tell an orphan from a server in use. */
const HOST_FILE = 'embedded-host.pid';

export function recordHost(dataDir: string): void {
  writeFileSync(join(dataDir, HOST_FILE), `${process.pid}\n`);
}

export function forgetHost(dataDir: string): void {
  rmSync(join(dataDir, HOST_FILE), { force: true });
}

const ORPHAN_STOP_TIMEOUT_MS = 30_000;

/**
 * Deals with what a previous run left in `postmaster.pid`:
 * - a postmaster still running whose host died (it was adopted by another parent) is stopped;
 * - a postmaster still running under its host, or one started outside this library, is refused;
 * - a PID now used by another program (PostgreSQL would refuse to start) is forgotten.
 * A lock naming a dead process is PostgreSQL's own business: it removes it and recovers.
 */
export async function clearLeftoverPostmaster(dataDir: string): Promise<void> {
  const lock = readPostmasterLock(dataDir);
  if (lock === undefined || !Number.isInteger(lock.pid) || !isAlive(lock.pid)) return;
  const running = describeProcess(lock.pid);
  if (running === undefined) return;
  if (running.command !== 'postgres') {
    rmSync(join(dataDir, 'postmaster.pid'), { force: true });
    return;
  }
  const hostFile = join(dataDir, HOST_FILE);
  const host = existsSync(hostFile) ? Number(readFileSync(hostFile, 'utf8')) : undefined;
  if (host === undefined)
    throw new Error(
      `PostgreSQL (PID ${lock.pid}) already runs on ${dataDir}, started by something else; ` +
        `stop it first (pg_ctl stop -D ${dataDir})`,
    );
  if (running.parentPid === host)
    throw new Error(
      `PostgreSQL (PID ${lock.pid}) already runs on ${dataDir} for process ${host}; ` +
        'stop that process first, or use another data folder',
    );
  await stopOrphan(lock.pid);
}

async function stopOrphan(pid: number): Promise<void> {
  // SIGINT is PostgreSQL's fast shutdown; SIGQUIT its immediate one (recovery on next start).
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + ORPHAN_STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      await sleep(1_000);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      return;
    }
    await sleep(50);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface ProcessDescription {
  readonly command: string;
  readonly parentPid: number;
}

function describeProcess(pid: number): ProcessDescription | undefined {
  if (existsSync('/proc/self/stat')) {
    try {
      // "pid (comm) state ppid …"; comm may hold spaces and parentheses, so split at the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      return {
        command: stat.slice(stat.indexOf('(') + 1, close),
        parentPid: Number(stat.slice(close + 2).split(' ')[1]),
      };
    } catch {
      return undefined;
    }
  }
  const ps = spawnSync('ps', ['-o', 'ppid=,comm=', '-p', String(pid)], { encoding: 'utf8' });
  const match = /^\s*(\d+)\s+(.+?)\s*$/.exec(ps.stdout ?? '');
  return match === null ? undefined : { command: basename(match[2]), parentPid: Number(match[1]) };
}
