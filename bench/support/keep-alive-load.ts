import { connect, type Socket } from 'node:net';

export interface LoadCounters {
  ok: number;
  failed: number;
  /** Milliseconds from sending a request to its complete response, when latencies are recorded. */
  readonly latencies?: number[];
}

/**
 * One keep-alive HTTP/1.1 connection sending `request` again as soon as the
 * previous response is complete: a closed-loop load generator cheap enough
 * not to compete with the server it measures. A function builds each request
 * afresh, for commands that must differ every time (a booking takes its slot).
 */
export function driveConnection(
  port: number,
  request: Buffer | (() => Buffer),
  counters: LoadCounters,
  okStatus = 200,
): Socket {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  const okLine = `HTTP/1.1 ${okStatus}`;
  let buffered: Buffer = Buffer.alloc(0);
  let sentAt = 0;
  const send = (): void => {
    const bytes = typeof request === 'function' ? request() : request;
    sentAt = performance.now();
    socket.write(bytes);
  };
  socket.on('connect', send);
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    for (;;) {
      const headerEnd = buffered.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const head = buffered.toString('latin1', 0, headerEnd);
      const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      const total = headerEnd + 4 + length;
      if (buffered.length < total) return;
      if (head.startsWith(okLine)) counters.ok += 1;
      else counters.failed += 1;
      counters.latencies?.push(performance.now() - sentAt);
      buffered = buffered.subarray(total);
      if (!socket.destroyed) send();
    }
  });
  socket.on('error', () => undefined);
  return socket;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
