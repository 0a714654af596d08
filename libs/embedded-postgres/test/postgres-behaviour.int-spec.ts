import { Client, DatabaseError, Pool } from 'pg';
import { describeEachPostgres } from '../../../test/support/postgres-targets';
import { waitUntil } from '../../embedded-kafka/test/wait-until';

/** What read models rely on from PostgreSQL, checked on every target through `pg`. */
describeEachPostgres('PostgreSQL behaviour through pg', (target) => {
  const clients: Client[] = [];

  async function session(): Promise<Client> {
    const client = new Client({ connectionString: target.connectionString() });
    await client.connect();
    clients.push(client);
    return client;
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.end()));
  });

  it('stores rows and reads them back, in a database of the suite’s own', async () => {
    const db = await session();
    await db.query('CREATE TABLE candidates (id text PRIMARY KEY, name text NOT NULL, tags jsonb)');
    await db.query('INSERT INTO candidates VALUES ($1, $2, $3), ($4, $5, $6)', [
      'c-1',
      'Ada Lovelace',
      JSON.stringify(['referral']),
      'c-2',
      'Émile Zola',
      null,
    ]);
    const { rows } = await db.query(
      'SELECT id, upper(name) AS name, tags FROM candidates ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'c-1', name: 'ADA LOVELACE', tags: ['referral'] },
      { id: 'c-2', name: 'ÉMILE ZOLA', tags: null },
    ]);
    const tables = await db.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.rows[0].n).toBe(1);
  });

  it('serves many connections at once, each its own session', async () => {
    const pool = new Pool({ connectionString: target.connectionString(), max: 12 });
    try {
      const held = await Promise.all(Array.from({ length: 12 }, () => pool.connect()));
      const pids = await Promise.all(
        held.map(
          async (client) => (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid,
        ),
      );
      expect(new Set(pids).size).toBe(12);
      held.forEach((client) => client.release());
    } finally {
      await pool.end();
    }
  });

  it('keeps a transaction’s writes from other sessions until it commits, and drops them on rollback', async () => {
    const writer = await session();
    const reader = await session();
    await writer.query('CREATE TABLE counters (name text PRIMARY KEY, value int NOT NULL)');
    const count = async () =>
      (await reader.query('SELECT count(*)::int AS n FROM counters')).rows[0].n as number;

    await writer.query('BEGIN');
    await writer.query("INSERT INTO counters VALUES ('a', 1)");
    expect(await count()).toBe(0);
    await writer.query('COMMIT');
    expect(await count()).toBe(1);

    await writer.query('BEGIN');
    await writer.query("INSERT INTO counters VALUES ('b', 1)");
    await writer.query('ROLLBACK');
    expect(await count()).toBe(1);
  });

  it('aborts a transaction on a unique violation until it is rolled back', async () => {
    const db = await session();
    await db.query('CREATE TABLE handled (event_id uuid PRIMARY KEY)');
    const id = '6c4b8d3e-6f4a-4c0e-9a55-4b1f0a2f9b11';
    await db.query('INSERT INTO handled VALUES ($1)', [id]);
    await db.query('BEGIN');
    const duplicate = await db.query('INSERT INTO handled VALUES ($1)', [id]).catch((e) => e);
    expect(duplicate).toBeInstanceOf(DatabaseError);
    expect((duplicate as DatabaseError).code).toBe('23505');
    const afterwards = await db.query('SELECT 1').catch((e) => e);
    expect((afterwards as DatabaseError).code).toBe('25P02');
    await db.query('ROLLBACK');
    expect((await db.query('SELECT count(*)::int AS n FROM handled')).rows[0].n).toBe(1);
  });

  it('grants a session advisory lock to one session until that session ends', async () => {
    const first = await session();
    const second = await session();
    const tryLock = async (client: Client) =>
      (await client.query('SELECT pg_try_advisory_lock(42) AS locked')).rows[0].locked as boolean;

    expect(await tryLock(first)).toBe(true);
    expect(await tryLock(second)).toBe(false);
    await first.end();
    clients.splice(clients.indexOf(first), 1);
    // The server notices the closed connection on its own time.
    await waitUntil('the lock is released', () => tryLock(second));
  });

  it('makes a second transaction wait for a transaction advisory lock until the holder commits', async () => {
    const holder = await session();
    const waiter = await session();
    const observer = await session();
    const order: string[] = [];

    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(7)');
    await waiter.query('BEGIN');
    const waiting = waiter
      .query('SELECT pg_advisory_xact_lock(7)')
      .then(() => order.push('waiter got the lock'));
    await waitUntil('the waiter is blocked on the lock', async () => {
      const { rows } = await observer.query(
        `SELECT count(*)::int AS n FROM pg_locks
         WHERE locktype = 'advisory' AND objid = 7 AND NOT granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      return rows[0].n === 1;
    });
    order.push('holder commits');
    await holder.query('COMMIT');
    await waiting;
    await waiter.query('COMMIT');
    expect(order).toEqual(['holder commits', 'waiter got the lock']);
  });
});
