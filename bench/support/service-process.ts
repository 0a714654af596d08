import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TYPESCRIPT_NODE_ARGS } from '../../tools/typescript-runtime';
import { processTreeCpuSeconds } from './process-usage';

const repositoryRoot = join(__dirname, '..', '..');
const OUTPUT_LINES_KEPT = 40;

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** Milliseconds from spawning the process to its first HTTP answer (it listens). */
  readonly listeningAfterMs: number;
  /** Milliseconds from spawning the process to its first `/health/ready` 200. */
  readonly readyAfterMs: number;
  /** CPU seconds the process had used by then: its own cost, which a busy machine does not inflate. */
  readonly cpuSecondsAtReady: number;
  /** SIGTERM to this pid, resolved once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts a service as `npm start` does (`node` on its `main.ts`, listening on
 * `PORT`), or from the build (`nodeArgs: []` and the compiled `main.js`), and
 * waits for `/health/ready` to answer 200, polling every `pollMs` (often for a
 * start measured to a few milliseconds, seldom for a long catch-up the polls
 * would slow). The last lines the service printed are in the error if it exits
 * or is not ready within `timeoutMs`.
 */
export async function startServiceProcess(
  options: Readonly<{
    entry: string;
    /** Node's arguments before the entry; default: the TypeScript register hook. */
    nodeArgs?: readonly string[];
    port: number;
    env: Readonly<Record<string, string>>;
    timeoutMs: number;
    pollMs: number;
  }>,
): Promise<ServiceProcess> {
  const started = performance.now();
  const nodeArgs = options.nodeArgs ?? TYPESCRIPT_NODE_ARGS;
  const child = spawn(process.execPath, [...nodeArgs, options.entry], {
    cwd: repositoryRoot,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - OUTPUT_LINES_KEPT));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit');
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const stop = async (): Promise<void> => {
    if (hasExited) return;
    child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${options.port}/health/ready`;
  let listeningAfterMs: number | undefined;
  for (;;) {
    if (hasExited) throw new Error(`${options.entry} exited before ready:\n${output.join('\n')}`);
    const status = await fetch(url).then(
      (response) => response.status,
      () => undefined,
    );
    if (status !== undefined) listeningAfterMs ??= performance.now() - started;
    if (status === 200) break;
    if (performance.now() - started > options.timeoutMs) {
      await stop();
      throw new Error(
        `${options.entry} not ready in ${options.timeoutMs} ms:\n${output.join('\n')}`,
      );
    }
    await sleep(options.pollMs);
  }
  return {
    child,
    pid: child.pid!,
    port: options.port,
    listeningAfterMs: listeningAfterMs ?? 0,
    readyAfterMs: performance.now() - started,
    cpuSecondsAtReady: processTreeCpuSeconds(child.pid!),
    stop,
  };
}
