import { setTimeout as sleep } from 'node:timers/promises';
import { ERASURE_CHANNEL } from '@hirestream/personal-data';
import type { PoolClient } from 'pg';
import type { ReadModelDatabase } from '../database/read-model-database';
import { lockKey } from '../database/sql-names';
import { PROJECTION_CHANNEL } from './projection-builds';

type Listener = (projection: string, version: number, generation: number, news: string) => void;

/**
 * The lock every replica serving a projection version holds shared: a newer
 * version's runner retires the version only once it can take it exclusively.
 */
export function servingLockKey(schema: string, name: string, version: number): string {
  return lockKey(`hirestream:serving:${schema}:${name}:v${version}`);
}

/**
 * One LISTEN connection per service, telling its projection hosts what the
 * runners (in this replica or another) committed, when a build went live and
 * when a rebuild was asked for, and which personal-data keys were erased. The
 * same connection holds the serving lock of every projection version this
 * replica serves. Reconnects when the connection drops; notifications are only
 * a shortcut (hosts also read the checkpoint when they must know, and kept keys
 * expire).
 */
export class ProjectionWatch {
  private readonly listeners = new Set<Listener>();
  private readonly erasureListeners = new Set<(keyIds: readonly string[]) => void>();
  private readonly served = new Set<string>();
  private client: PoolClient | undefined;
  private interrupt: (() => void) | undefined;
  private stopping = false;
  private running: Promise<void> | undefined;

  constructor(private readonly db: ReadModelDatabase) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    this.running ??= this.listen();
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` with the key ids of every personal-data erasure, in any process. */
  onErasure(listener: (keyIds: readonly string[]) => void): () => void {
    this.erasureListeners.add(listener);
    this.running ??= this.listen();
    return () => this.erasureListeners.delete(listener);
  }

  /** Holds the serving lock of a projection version for as long as this replica runs. */
  serve(name: string, version: number): void {
    const key = servingLockKey(this.db.schema, name, version);
    if (this.served.has(key)) return;
    this.served.add(key);
    this.running ??= this.listen();
    void this.client?.query('select pg_advisory_lock_shared($1::bigint)', [key]).catch(() => {
      // The connection broke: the next one takes every serving lock again.
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.interrupt?.();
    await this.running;
  }

  private async listen(): Promise<void> {
    while (!this.stopping) {
      const interrupted = new Promise<void>((resolve) => (this.interrupt = resolve));
      let client: PoolClient | undefined;
      try {
        client = await this.db.dedicatedClient();
        const closed = new Promise<void>((resolve) => {
          client!.on('error', () => resolve());
          client!.on('end', () => resolve());
        });
        client.on('notification', ({ channel, payload }) =>
          channel === ERASURE_CHANNEL
            ? this.dispatchErasure(payload ?? '')
            : this.dispatch(payload ?? ''),
        );
        await client.query(`listen ${PROJECTION_CHANNEL}; listen ${ERASURE_CHANNEL}`);
        this.client = client;
        for (const key of this.served) {
          await client.query('select pg_advisory_lock_shared($1::bigint)', [key]);
        }
        await Promise.race([closed, interrupted]);
      } catch {
        // The store is unreachable: try again in a moment.
      } finally {
        this.client = undefined;
        // Ending the session frees its serving locks too.
        client?.release(true);
      }
      if (!this.stopping) await Promise.race([sleep(1_000), interrupted]);
    }
  }

  private dispatchErasure(payload: string): void {
    const keyIds = payload.split(',').filter((keyId) => keyId !== '');
    for (const listener of this.erasureListeners) {
      try {
        listener(keyIds);
      } catch {
        // As for projection news: one listener's trouble stops no other.
      }
    }
  }

  private dispatch(payload: string): void {
    const [schema, projection, version, generation, news] = payload.split(':');
    if (schema !== this.db.schema || news === undefined) return;
    for (const listener of this.listeners) {
      try {
        listener(projection, Number(version), Number(generation), news);
      } catch {
        // A listener's trouble must not stop the others, nor the connection.
      }
    }
  }
}
