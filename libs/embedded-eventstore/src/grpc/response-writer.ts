import type { ServerErrorResponse, ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';

/**
 * Wraps a `Streams/Read` call so loops can honour gRPC flow control: `write` returns false
 * when the transport is full and the caller must `await drained()` before writing more.
 */
export class ResponseWriter {
  private isClosed = false;
  private readonly wakers = new Set<() => void>();
  private readonly drainWaiters = new Set<() => void>();
  private readonly onShutdown = (): void => this.close();

  constructor(
    private readonly call: ServerWritableStream<ReadReq, ReadResp>,
    private readonly shutdown: AbortSignal,
  ) {
    call.on('cancelled', () => this.close());
    call.on('drain', () => resolveAll(this.drainWaiters));
    shutdown.addEventListener('abort', this.onShutdown);
    if (shutdown.aborted) this.close();
  }

  get closed(): boolean {
    return this.isClosed;
  }

  write(message: ReadResp): boolean {
    if (this.isClosed) return true;
    return this.call.write(message);
  }

  /** Resolves once the transport takes more, or the call is gone. */
  drained(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.add(resolve));
  }

  /** Resolves on the next `wake()`, or when the call is gone. */
  wait(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise((resolve) => this.wakers.add(resolve));
  }

  wake(): void {
    resolveAll(this.wakers);
  }

  end(): void {
    if (this.isClosed) return;
    this.close();
    this.call.end();
  }

  fail(error: ServerErrorResponse): void {
    if (this.isClosed) return;
    this.close();
    this.call.emit('error', error);
  }

  private close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.shutdown.removeEventListener('abort', this.onShutdown);
    if (this.shutdown.aborted && !this.call.cancelled) this.call.end();
    resolveAll(this.wakers);
    resolveAll(this.drainWaiters);
  }
}

function resolveAll(waiters: Set<() => void>): void {
  const pending = [...waiters];
  waiters.clear();
  for (const resolve of pending) resolve();
}
