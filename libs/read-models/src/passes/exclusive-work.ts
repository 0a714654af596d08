import type { ReadModelDatabase, Sql } from '../database/read-model-database';

/**
 * Runs `work` on a connection of its own holding the session advisory lock
 * `key`, so one replica at a time does it (and commits as it goes); resolves
 * undefined at once when another replica holds the lock.
 */
export async function underAdvisoryLock<T>(
  db: ReadModelDatabase,
  key: string,
  work: (client: Sql) => Promise<T>,
): Promise<T | undefined> {
  const client = await db.dedicatedClient();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock($1::bigint) as locked',
      [key],
    );
    if (rows[0]?.locked !== true) return undefined;
    try {
      return await work(client);
    } finally {
      await client.query('select pg_advisory_unlock($1::bigint)', [key]);
    }
  } finally {
    client.release();
  }
}

/** Maps `items` with at most `parallel` calls under way at once, keeping their order. */
export async function inParallel<T, R>(
  items: readonly T[],
  parallel: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}
