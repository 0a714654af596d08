import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import { isUnavailable, ReadModelUnavailableError } from './read-model-unavailable.error';
import { lockKey, sqlName } from './sql-names';

/** What runs SQL: the pool, or one client inside a transaction. */
export type Sql = Readonly<{
  query: <R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ) => Promise<{ rows: R[] }>;
}>;

/**
 * A service's read models in PostgreSQL: one schema per service (the service's
 * name), reached through one pool. A query the server cannot answer because it
 * is unreachable fails with `ReadModelUnavailableError` (answered as 503).
 */
export class ReadModelDatabase {
  readonly schema: string;
  private readonly pool: Pool;
  private readonly tablesEnsured = new Map<string, Promise<void>>();

  constructor(
    readonly connectionString: string,
    service: string,
  ) {
    this.schema = sqlName(service);
    this.pool = new Pool({
      connectionString,
      max: 10,
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      // A connection whose peer vanished (a failover, a dropped NAT entry) is noticed, not waited on.
      keepAlive: true,
    });
    // An idle client losing its connection must not take the process down; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /** A table of the service's schema, quoted: `"candidates"."candidate_list_v1_g1"`. */
  table(name: string): string {
    return `"${this.schema}"."${sqlName(name)}"`;
  }

  async query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<{ rows: R[] }> {
    try {
      return await this.pool.query<R>(text, values as unknown[]);
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  /** A client of its own, for a session lock held across transactions; release it when done. */
  async dedicatedClient(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  /** Runs `work` in one transaction on `client` (the pool's when not given). */
  async transaction<T>(work: (sql: Sql) => Promise<T>, client?: PoolClient): Promise<T> {
    const own = client ?? (await this.dedicatedClient());
    try {
      await own.query('begin');
      try {
        const result = await work(own);
        await own.query('commit');
        return result;
      } catch (error) {
        await own.query('rollback').catch(() => undefined);
        throw error;
      }
    } catch (error) {
      throw unavailableOr(error);
    } finally {
      if (client === undefined) own.release();
    }
  }

  /**
   * Creates the service's schema and runs `work` holding the schema's migration
   * lock, in one transaction: replicas starting at once never race, and a
   * failing step changes nothing.
   */
  async migrate(work: (sql: Sql) => Promise<void>): Promise<void> {
    await this.transaction(async (sql) => {
      await sql.query('select pg_advisory_xact_lock($1::bigint)', [
        lockKey(`hirestream:migrate:${this.schema}`),
      ]);
      await sql.query(`create schema if not exists "${this.schema}"`);
      await work(sql);
    });
  }

  /**
   * Runs a `create table if not exists` (for a table kept apart from projection
   * builds, such as timer firings or stored letters) the first time it is
   * asked for in this process; a failed try is tried again by the next call.
   */
  ensureTable(createStatement: string): Promise<void> {
    let ready = this.tablesEnsured.get(createStatement);
    if (ready === undefined) {
      ready = this.migrate(async (sql) => {
        await sql.query(createStatement);
      }).catch((error: unknown) => {
        this.tablesEnsured.delete(createStatement);
        throw error;
      });
      this.tablesEnsured.set(createStatement, ready);
    }
    return ready;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function unavailableOr(error: unknown): unknown {
  if (error instanceof ReadModelUnavailableError) return error;
  return isUnavailable(error) ? new ReadModelUnavailableError((error as Error).message) : error;
}
