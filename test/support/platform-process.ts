import { postgresDataFolder } from '@hirestream/embedded-postgres';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessRunning } from '../../libs/platform/src/bootstrap/parent-watch';
import { SERVICES } from '../../tools/services';
import { TYPESCRIPT_NODE_ARGS } from '../../tools/typescript-runtime';
import { freePort } from './free-port';

const repositoryRoot = join(__dirname, '..', '..');

/** The port of each process `npm start` runs, by the name in its flag (`eventstore` → `--eventstore-port`). */
export type PlatformPorts = Readonly<Record<string, number>>;

export async function freePlatformPorts(): Promise<PlatformPorts> {
  const names = [
    'eventstore',
    'kafka',
    'postgres',
    'screening-provider',
    'smtp',
    'mailbox',
    ...SERVICES.map((service) => service.name),
  ];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await freePort()])));
}

export interface PlatformProcessOptions {
  readonly dataDir: string;
  readonly ports: PlatformPorts;
  /** `npm start`, or `node tools/start.ts` without npm and its shell in between. */
  readonly via: 'npm' | 'node';
  /** Its own process group, to be signalled as a terminal signals its foreground job. */
  readonly ownProcessGroup?: boolean;
  /** `--verbose`: every line of every process in the output, not only in `<data>/logs`. */
  readonly verbose?: boolean;
  /** Variables added to the launcher's environment, which it passes on to every process (`CLOCK_SHIFT_SECONDS`). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface PlatformProcess {
  /** What was spawned: npm, or the node process running tools/start.ts. */
  readonly launcher: ChildProcess;
  /** Every line of stdout and stderr so far. */
  readonly output: readonly string[];
  /** The launcher's exit code, once it has exited and its output (shared with start.ts) has ended. */
  readonly exited: Promise<number | null>;
  /** Resolves once a line equal to `line` (or matching it) was printed. */
  waitForLine(line: string | RegExp, timeoutMs: number): Promise<void>;
  /**
   * The pid of tools/start.ts (`hirestream`) and of each process it started
   * (`devstack`, each service), as it has reported them so far.
   */
  readonly pids: ReadonlyMap<string, number>;
}

/** The pid of the embedded PostgreSQL's postmaster, from its lock file in the data folder. */
export function postmasterPid(dataDir: string): number {
  // postmaster.pid's first line is the postmaster's pid.
  const pid = Number(
    readFileSync(
      join(postgresDataFolder(join(dataDir, 'postgres')), 'postmaster.pid'),
      'utf8',
    ).split('\n')[0],
  );
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDir}`);
  return pid;
}

/** Every process a test started this way, for `killLeftovers`. */
const spawned = new Set<number>();

/** Starts the platform as a user does, with the given data folder and ports. */
export function startPlatform(options: PlatformProcessOptions): PlatformProcess {
  const args = [
    '--data-dir',
    options.dataDir,
    ...Object.entries(options.ports).flatMap(([name, port]) => [`--${name}-port`, String(port)]),
    ...(options.verbose === true ? ['--verbose'] : []),
  ];
  const env = { ...process.env, ...options.env };
  const launcher =
    options.via === 'npm'
      ? spawn('npm', ['start', '--', ...args], {
          cwd: repositoryRoot,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: options.ownProcessGroup,
        })
      : spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, join('tools', 'start.ts'), ...args], {
          cwd: repositoryRoot,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: options.ownProcessGroup,
        });
  if (launcher.pid !== undefined) spawned.add(launcher.pid);
  const output: string[] = [];
  const pids = new Map<string, number>();
  const waiters = new Set<() => void>();
  const readers = [launcher.stdout!, launcher.stderr!].map((stream) =>
    createInterface({ input: stream }),
  );
  const exited = Promise.all([
    once(launcher, 'exit'),
    ...readers.map((reader) => once(reader, 'close')),
  ]).then(([[code]]) => code as number | null);
  for (const reader of readers) {
    reader.on('line', (line) => {
      output.push(line);
      const reported = /^(?:(hirestream) starting|started (\S+)) \(pid (\d+)\)$/.exec(line);
      if (reported !== null) {
        pids.set(reported[1] ?? reported[2], Number(reported[3]));
        spawned.add(Number(reported[3]));
      }
      waiters.forEach((check) => check());
    });
  }
  return {
    launcher,
    output,
    exited,
    pids,
    waitForLine(line, timeoutMs) {
      const matches = (printed: string) =>
        typeof line === 'string' ? printed === line : line.test(printed);
      return new Promise((resolve, reject) => {
        const settle = (error?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error === undefined) resolve();
          else reject(error);
        };
        const check = () => output.some(matches) && settle();
        const timer = setTimeout(
          () => settle(new Error(`no "${line}" within ${timeoutMs} ms:\n${tail(output)}`)),
          timeoutMs,
        );
        waiters.add(check);
        check();
        void exited.then(
          () =>
            output.some(matches) || settle(new Error(`exited before "${line}":\n${tail(output)}`)),
          (error: Error) => settle(error),
        );
      });
    },
  };
}

function tail(lines: readonly string[]): string {
  return lines.slice(-30).join('\n');
}

/** The pids among `pids` still running once `timeoutMs` has passed (or as soon as none is). */
export async function runningAfter(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = pids.filter(isProcessRunning);
    for (const pid of pids) if (!running.includes(pid)) spawned.delete(pid);
    if (running.length === 0 || Date.now() > deadline) return running;
    await sleep(100);
  }
}

/** SIGKILLs, with their process groups, the processes started by `startPlatform` that still run. */
export function killLeftovers(): void {
  for (const pid of spawned) {
    if (!isProcessRunning(pid)) continue;
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // Not a group leader, or already gone.
      }
    }
  }
  spawned.clear();
}
