import { CommandRejectedError } from '@hirestream/contracts';
import { randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES, type DataKey, type DataKeyring } from './data-key';
import { DataKeyCache, type DataKeyCacheOptions } from './data-key-cache';
import type { KeyEncryptionKey } from './key-encryption-key';

/**
 * What the store runs SQL through: a service's `ReadModelDatabase` (its pool).
 * Not a client inside a transaction: an erasure vacuums, which runs outside one.
 */
export type KeyStoreSql = Readonly<{
  query: <R extends Record<string, unknown>>(
    text: string,
    values?: readonly unknown[],
  ) => Promise<{ rows: R[] }>;
}>;

/** One schema for every service: a candidacy's events are written by several services under one key. */
export const DATA_KEYS_TABLE = 'personal_data.data_keys';

/**
 * The PostgreSQL channel an erasure is announced on, its payload the erased key
 * ids comma-separated, so every process can `forget` them at once.
 */
export const ERASURE_CHANNEL = 'hirestream_personal_data_erased';

/** Key ids per notification: a payload must stay under PostgreSQL's 8,000 bytes. */
const IDS_PER_NOTIFICATION = 100;

/**
 * Raised when personal data would be written under a key that was erased: a
 * command refused by rule `personal-data-erased` (409 over HTTP, settled for a
 * reaction), as the candidacy's own commands are refused once it is erased.
 */
export class PersonalDataErasedError extends CommandRejectedError {
  constructor(readonly keyId: string) {
    super(
      'personal-data-erased',
      `the personal data of ${keyId} was erased: nothing personal is written for it any more`,
    );
    this.name = 'PersonalDataErasedError';
  }
}

/** A key erased by a call: its id and when it was erased (earlier, if it already was). */
export type ErasedKey = Readonly<{ keyId: string; erasedAt: Date }>;

type KeyRow = {
  key_id: string;
  person_id: string | null;
  kek_id: string | null;
  wrapped_key: Buffer | null;
};

const KEY_COLUMNS = 'key_id, person_id, kek_id, wrapped_key';

// One simple-protocol query: its statements run in one transaction, under the lock.
const MIGRATION = `
  select pg_advisory_xact_lock(hashtext('hirestream:personal-data:migrate'));
  create schema if not exists personal_data;
  create table if not exists ${DATA_KEYS_TABLE} (
    key_id text primary key,
    person_id text,
    kek_id text,
    wrapped_key bytea,
    created_at timestamptz not null default now(),
    erased_at timestamptz,
    check ((erased_at is null) = (wrapped_key is not null and kek_id is not null))
  );
  create index if not exists data_keys_person_id on ${DATA_KEYS_TABLE} (person_id)
    where person_id is not null;`;

/**
 * Data keys in PostgreSQL, wrapped by the key-encryption key, one row per data
 * subject. Erasing a key removes its wrapped bytes (the row stays as a tombstone
 * saying when, so no new key is ever made for an erased subject) and vacuums the
 * table. Keys in use are kept in memory (`DataKeyCache`).
 */
export class PostgresDataKeyStore {
  private readonly cache: DataKeyCache;
  private tableReady: Promise<void> | undefined;

  constructor(
    private readonly sql: KeyStoreSql,
    private readonly kek: KeyEncryptionKey,
    cache: DataKeyCacheOptions = {},
  ) {
    this.cache = new DataKeyCache(cache);
  }

  /**
   * The subject's key, created when it has none: writers racing for one new
   * subject all get the key the first of them stored. `personId` links the key to
   * the person (kept once set). Throws `PersonalDataErasedError` for an erased one.
   */
  async dataKeyFor(keyId: string, personId: string | null = null): Promise<DataKey> {
    const cached = this.cache.get(keyId);
    if (cached === 'erased') throw new PersonalDataErasedError(keyId);
    if (cached !== undefined) return cached;
    await this.ensureTable();
    let row = await this.rowOf(keyId);
    if (row === undefined) {
      const secret = randomBytes(DATA_KEY_BYTES);
      const { rows: inserted } = await this.sql.query(
        `insert into ${DATA_KEYS_TABLE} (key_id, person_id, kek_id, wrapped_key)
         values ($1, $2, $3, $4) on conflict (key_id) do nothing returning key_id`,
        [keyId, personId, this.kek.id, await this.kek.wrap(secret, keyId)],
      );
      if (inserted.length === 1) return this.remembered({ keyId, secret });
      // Another writer stored it first (read by a statement of its own, so its commit is seen).
      row = await this.rowOf(keyId);
      if (row === undefined) throw new Error(`data key ${keyId} was neither stored nor found`);
    }
    if (personId !== null && row.person_id === null) {
      await this.sql.query(
        `update ${DATA_KEYS_TABLE} set person_id = $2 where key_id = $1 and person_id is null`,
        [keyId, personId],
      );
    }
    const key = await this.unwrapped(row);
    if (key === null) throw new PersonalDataErasedError(keyId);
    return key;
  }

  /**
   * The keys of `keyIds`, in one query for those not in memory: `null` for an
   * erased key (or one never stored). What a fold asks for before decrypting a
   * batch of events (`keyIdsIn` of each).
   */
  async keysFor(keyIds: Iterable<string>): Promise<DataKeyring> {
    const keys = new Map<string, DataKey | null>();
    const missing: string[] = [];
    for (const keyId of new Set(keyIds)) {
      const cached = this.cache.get(keyId);
      if (cached === undefined) missing.push(keyId);
      else keys.set(keyId, cached === 'erased' ? null : cached);
    }
    if (missing.length === 0) return keys;
    await this.ensureTable();
    const { rows } = await this.sql.query<KeyRow>(
      `select ${KEY_COLUMNS} from ${DATA_KEYS_TABLE} where key_id = any($1::text[])`,
      [missing],
    );
    const found = await Promise.all(rows.map((row) => this.unwrapped(row)));
    rows.forEach((row, index) => keys.set(row.key_id, found[index]));
    for (const keyId of missing) if (!keys.has(keyId)) keys.set(keyId, null);
    return keys;
  }

  /**
   * Erases the keys (those never stored too, so none is made for them later):
   * their wrapped bytes are deleted in one statement and the table vacuumed.
   * Every value encrypted under them reads as erased from then on, here at once,
   * in other processes once their cached copy expires (`ttlMs`) or is `forget`-ed
   * (they are told on `ERASURE_CHANNEL`).
   */
  async erase(keyIds: readonly string[]): Promise<ErasedKey[]> {
    await this.ensureTable();
    const { rows } = await this.sql.query<{ key_id: string; erased_at: Date }>(
      `insert into ${DATA_KEYS_TABLE} as keys (key_id, erased_at)
       select distinct unnest($1::text[]), now()
       on conflict (key_id) do update set wrapped_key = null, kek_id = null,
         erased_at = coalesce(keys.erased_at, excluded.erased_at)
       returning key_id, erased_at`,
      [keyIds],
    );
    return this.erased(rows);
  }

  /** Erases the keys of every candidacy linked to the person (`personId` of their registrations). */
  async erasePerson(personId: string): Promise<ErasedKey[]> {
    await this.ensureTable();
    const { rows } = await this.sql.query<{ key_id: string; erased_at: Date }>(
      `update ${DATA_KEYS_TABLE} set wrapped_key = null, kek_id = null,
         erased_at = coalesce(erased_at, now())
       where person_id = $1 returning key_id, erased_at`,
      [personId],
    );
    return this.erased(rows);
  }

  private async rowOf(keyId: string): Promise<KeyRow | undefined> {
    const { rows } = await this.sql.query<KeyRow>(
      `select ${KEY_COLUMNS} from ${DATA_KEYS_TABLE} where key_id = $1`,
      [keyId],
    );
    return rows[0];
  }

  /** Drops keys from memory, told by another process of their erasure. */
  forget(keyIds: Iterable<string>): void {
    this.cache.forget(keyIds);
  }

  private async erased(rows: { key_id: string; erased_at: Date }[]): Promise<ErasedKey[]> {
    for (const { key_id } of rows) this.cache.rememberErased(key_id);
    for (let start = 0; start < rows.length; start += IDS_PER_NOTIFICATION) {
      const ids = rows.slice(start, start + IDS_PER_NOTIFICATION).map(({ key_id }) => key_id);
      await this.sql.query('select pg_notify($1, $2)', [ERASURE_CHANNEL, ids.join(',')]);
    }
    // The old row versions (with the wrapped keys) become free space now, not at autovacuum's pace.
    if (rows.length > 0) await this.sql.query(`vacuum ${DATA_KEYS_TABLE}`);
    return rows.map(({ key_id, erased_at }) => ({ keyId: key_id, erasedAt: erased_at }));
  }

  private async unwrapped(row: KeyRow): Promise<DataKey | null> {
    if (row.wrapped_key === null || row.kek_id === null) {
      this.cache.rememberErased(row.key_id);
      return null;
    }
    const secret = await this.kek.unwrap(row.wrapped_key, row.key_id, row.kek_id);
    return this.remembered({ keyId: row.key_id, secret });
  }

  private remembered(key: DataKey): DataKey {
    this.cache.remember(key);
    return key;
  }

  private ensureTable(): Promise<void> {
    this.tableReady ??= this.sql
      .query(MIGRATION)
      .then(() => undefined)
      .catch((error: unknown) => {
        this.tableReady = undefined;
        throw error;
      });
    return this.tableReady;
  }
}
