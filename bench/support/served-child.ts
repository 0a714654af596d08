import type { ChildProcess } from 'node:child_process';

/*
 * A benchmark runs the server under test in a child process, so that its CPU
 * time and memory are its own: the child says when it is ready and answers
 * CPU-time questions over the IPC channel.
 */

type ChildMessage =
  Readonly<{ kind: 'ready'; port: number }> | Readonly<{ kind: 'cpu'; micros: number }>;

/** In the child: answers `'cpu'` with the process's CPU time, then reports it listens on `port`. */
export function reportReady(port: number): void {
  process.on('message', (message: unknown) => {
    if (message !== 'cpu') return;
    const usage = process.cpuUsage();
    process.send?.({ kind: 'cpu', micros: usage.user + usage.system } satisfies ChildMessage);
  });
  process.send?.({ kind: 'ready', port } satisfies ChildMessage);
}

function nextMessage<K extends ChildMessage['kind']>(
  child: ChildProcess,
  kind: K,
): Promise<Extract<ChildMessage, { kind: K }>> {
  return new Promise((resolve) => {
    const listener = (message: ChildMessage): void => {
      if (message.kind !== kind) return;
      child.off('message', listener);
      resolve(message as Extract<ChildMessage, { kind: K }>);
    };
    child.on('message', listener);
  });
}

/** In the parent: the port the child listens on, once it is ready. */
export async function readyPort(child: ChildProcess): Promise<number> {
  return (await nextMessage(child, 'ready')).port;
}

/** In the parent: the child's CPU time so far, user and system, in microseconds. */
export async function childCpuMicros(child: ChildProcess): Promise<number> {
  const reply = nextMessage(child, 'cpu');
  child.send('cpu');
  return (await reply).micros;
}
