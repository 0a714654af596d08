import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { STOP_WITH_PARENT_VARIABLE } from '../../libs/platform/src/bootstrap/parent-watch';
import { TYPESCRIPT_NODE_ARGS } from '../../tools/typescript-runtime';

const repositoryRoot = join(__dirname, '..', '..');

export interface TypeScriptProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every line of stdout and stderr so far. */
  readonly lines: readonly string[];
  /** How it ended, once its output has ended too. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * The first line matching `pattern` printed at index `from` or later
   * (default: any so far); rejects after `timeoutMs` or when the process exits
   * without printing one.
   */
  waitForLine(pattern: RegExp, timeoutMs: number, from?: number): Promise<string>;
}

const started = new Set<TypeScriptProcess>();

/**
 * Runs a TypeScript entry point of the repository (`path` from its root) in a
 * child process, as `node -r ./tools/register-typescript.js path`, with `env`
 * added to this process's environment. The child stops itself when this
 * process goes away (it has an IPC channel and HIRESTREAM_STOP_WITH_PARENT=1,
 * which services and scripts using `onParentExit` honour).
 */
export function startTypeScriptProcess(
  path: string,
  env: Readonly<Record<string, string>>,
): TypeScriptProcess {
  const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, path], {
    cwd: repositoryRoot,
    env: { ...process.env, ...env, [STOP_WITH_PARENT_VARIABLE]: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  if (child.pid === undefined) throw new Error(`${path} could not be started`);
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const readers = [child.stdout!, child.stderr!].map((stream) =>
    createInterface({ input: stream }),
  );
  for (const reader of readers) {
    reader.on('line', (line) => {
      lines.push(line);
      for (const check of waiters) check();
    });
  }
  const exited = Promise.all([
    once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>,
    ...readers.map((reader) => once(reader, 'close')),
  ]).then(([[code, signal]]) => ({ code, signal }));
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const check of waiters) check();
  });
  const handle: TypeScriptProcess = {
    child,
    pid: child.pid,
    lines,
    exited,
    waitForLine(pattern, timeoutMs, from = 0) {
      return new Promise((resolve, reject) => {
        const settle = (line: string | undefined, error?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (line !== undefined) resolve(line);
          else reject(error);
        };
        const check = () => {
          const line = lines.slice(from).find((printed) => pattern.test(printed));
          if (line !== undefined) settle(line);
          else if (ended)
            settle(undefined, new Error(`${path} exited before ${pattern}:\n${tail(lines)}`));
        };
        const timer = setTimeout(
          () =>
            settle(
              undefined,
              new Error(`no ${pattern} from ${path} within ${timeoutMs} ms:\n${tail(lines)}`),
            ),
          timeoutMs,
        );
        waiters.add(check);
        check();
      });
    },
  };
  started.add(handle);
  void exited.then(() => started.delete(handle));
  return handle;
}

/** SIGKILLs every process `startTypeScriptProcess` started that still runs, and waits for them. */
export async function killTypeScriptProcesses(): Promise<void> {
  const running = [...started];
  for (const { child } of running) child.kill('SIGKILL');
  await Promise.all(running.map(({ exited }) => exited));
}

function tail(lines: readonly string[]): string {
  return lines.slice(-30).join('\n');
}
