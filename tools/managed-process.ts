import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import {
  type OutliveMessage,
  STOP_WITH_PARENT_VARIABLE,
} from '../libs/platform/src/bootstrap/parent-watch';
import type { OutputStream } from './process-logs';
import { TYPESCRIPT_NODE_ARGS } from './typescript-runtime';

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Signals the process and waits for it to exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Should the parent die, this process waits for `other` to exit before it stops. */
  outlive(other: ManagedProcess): void;
}

/**
 * Runs a TypeScript entry point as a child process in its own process group
 * (so Ctrl-C reaches only the parent, which stops children in order), each
 * output line handed to `onLine` with the stream it came from. The child stops itself when this
 * process is gone, even SIGKILLed: it watches the IPC channel (parent-watch.ts).
 */
export function startTypeScriptProcess(
  name: string,
  entry: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string, stream: OutputStream) => void,
): ManagedProcess {
  const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, entry, ...args], {
    env: { ...env, [STOP_WITH_PARENT_VARIABLE]: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  for (const [stream, kind] of [
    [child.stdout, 'stdout'],
    [child.stderr, 'stderr'],
  ] as const) {
    if (stream !== null)
      createInterface({ input: stream }).on('line', (line) => onLine(line, kind));
  }
  return {
    name,
    child,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    outlive(other) {
      if (other.child.pid === undefined) return;
      // A closed channel means the process has exited: there is nobody left to ask.
      child.send({ outlive: other.child.pid } satisfies OutliveMessage, () => undefined);
    },
  };
}
