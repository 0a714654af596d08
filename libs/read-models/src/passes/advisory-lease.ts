import { SingleActive, type ActiveLease } from '@hirestream/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PoolClient } from 'pg';
import type { ReadModelDatabase } from '../database/read-model-database';
import { lockKey } from '../database/sql-names';
import { answeredWithin } from './answered-within';

const LOCK_POLL_MS = 1_000;
const LOCK_QUERY_TIMEOUT_MS = 10_000;
/** How often a lease that runs no queries of its own checks its connection is still there. */
const KEEP_ALIVE_MS = 5_000;

/**
 * A session advisory lock held on a connection of its own, for work one
 * replica at a time does for as long as it runs. The lock lives as long as the
 * session: a crashed holder's lock is freed by PostgreSQL, and a holder whose
 * connection broke is told through `lost` (its lock may be another's by then).
 */
export class AdvisoryLease implements ActiveLease {
  readonly lost: Promise<void>;
  private markLost: () => void = () => undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private probing = false;
  private released = false;

  private constructor(
    readonly client: PoolClient,
    keepAliveMs: number | undefined,
  ) {
    this.lost = new Promise<void>((resolve) => (this.markLost = resolve));
    const lose = () => {
      if (!this.released) this.markLost();
    };
    client.on('error', lose);
    client.on('end', lose);
    if (keepAliveMs !== undefined) {
      this.keepAlive = setInterval(() => void this.probe(), keepAliveMs);
      this.keepAlive.unref();
    }
  }

  /**
   * Waits for the lock `key`, asking every second; undefined once `signal`
   * aborts first. A connection that fails while waiting is thrown.
   * `keepAliveMs`: for a holder that runs no queries, how often to check
   * that the session is still there; `onHeldElsewhere`: told each time
   * another session holds the lock.
   */
  static async acquire(
    db: ReadModelDatabase,
    key: string,
    signal: AbortSignal,
    options: Readonly<{ keepAliveMs?: number; onHeldElsewhere?: () => void }> = {},
  ): Promise<AdvisoryLease | undefined> {
    const client = await db.dedicatedClient();
    let failure: unknown;
    client.on('error', (error) => (failure = error));
    try {
      while (!signal.aborted) {
        // It never waits in the server: no answer means a connection gone bad.
        const { rows } = await answeredWithin(
          client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [
            key,
          ]),
          LOCK_QUERY_TIMEOUT_MS,
          'the advisory lock query',
        );
        if (failure !== undefined) throw failure;
        if (rows[0]?.locked === true) return new AdvisoryLease(client, options.keepAliveMs);
        options.onHeldElsewhere?.();
        await sleep(LOCK_POLL_MS, undefined, { signal }).catch(() => undefined);
      }
    } catch (error) {
      client.release(true);
      throw error;
    }
    client.release(true);
    return undefined;
  }

  /** Ends the session, which frees the lock. */
  release(): void {
    this.released = true;
    clearInterval(this.keepAlive);
    this.client.release(true);
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      await answeredWithin(this.client.query('select 1'), LOCK_QUERY_TIMEOUT_MS, 'a lease check');
    } catch {
      this.markLost();
    } finally {
      this.probing = false;
    }
  }
}

/** `SingleActive` through session advisory locks in the service's read-model database. */
export class PostgresSingleActive extends SingleActive {
  constructor(private readonly db: ReadModelDatabase) {
    super();
  }

  async acquire(
    name: string,
    signal: AbortSignal,
    onStandby?: () => void,
  ): Promise<ActiveLease | undefined> {
    const key = lockKey(`hirestream:single-active:${this.db.schema}:${name}`);
    // The database unreachable: stand by and keep asking.
    for (let backoff = 200; !signal.aborted; backoff = Math.min(backoff * 2, 5_000)) {
      try {
        return await AdvisoryLease.acquire(this.db, key, signal, {
          keepAliveMs: KEEP_ALIVE_MS,
          onHeldElsewhere: onStandby,
        });
      } catch {
        await sleep(backoff, undefined, { signal }).catch(() => undefined);
      }
    }
    return undefined;
  }
}
