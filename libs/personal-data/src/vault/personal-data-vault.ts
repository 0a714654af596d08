import type { EventCatalog } from '@hirestream/contracts';
import { randomBytes } from 'node:crypto';
import {
  ERASED_VALUE,
  isEncryptedValue,
  PersonalDataIntegrityError,
  type EncryptedValue,
} from '../cipher/encrypted-value';
import {
  decryptPersonalData,
  encryptPersonalData,
  holdsPersonalValues,
  keyIdsIn,
  type DecryptedData,
} from '../cipher/event-data-cipher';
import { decryptValue, encryptValue, type ValueLocation } from '../cipher/value-cipher';
import {
  DATA_KEY_BYTES,
  dataKeyIdOf,
  personIdOf,
  type DataKey,
  type DataKeyring,
} from '../keys/data-key';
import type { ErasedKey } from '../keys/postgres-data-key-store';

type Json = Readonly<Record<string, unknown>>;

/** The format of a value sealed under several keys. */
const SHARED_ENVELOPE_VERSION = 'v1-shared';

/** A value sealed under several keys: its content key's shares, each under one of them. */
type SharedEnvelope = Readonly<{
  $enc: typeof SHARED_ENVELOPE_VERSION;
  shares: readonly EncryptedValue[];
  value: EncryptedValue;
}>;

function isSharedEnvelope(value: unknown): value is SharedEnvelope {
  return (
    isEncryptedValue(value) &&
    (value as { $enc: unknown }).$enc === SHARED_ENVELOPE_VERSION &&
    Array.isArray((value as { shares?: unknown }).shares)
  );
}

/** The content key's id names the keys it is shared under: a value cannot move to another set. */
function sharedKeyId(keyIds: readonly string[]): string {
  return `shared:${keyIds.join(',')}`;
}

function xorOf(first: Buffer, second: Buffer): Buffer<ArrayBuffer> {
  return Buffer.from(first.map((byte, index) => byte ^ second[index]));
}

/** The value of a shared envelope, or `ERASED_VALUE` once any of its keys is erased. */
function openShared(envelope: SharedEnvelope, keyring: DataKeyring, at: ValueLocation): unknown {
  let contentKey: Buffer = Buffer.alloc(DATA_KEY_BYTES);
  for (const share of envelope.shares) {
    const key = keyring.get(String(share.kid));
    if (key === undefined) throw new Error(`data key ${String(share.kid)} was not fetched`);
    if (key === null) return ERASED_VALUE;
    const bytes = Buffer.from(String(decryptValue(share, key, at)), 'base64url');
    if (bytes.length !== DATA_KEY_BYTES) {
      throw new PersonalDataIntegrityError(at.eventId, at.path, 'a key share is malformed');
    }
    contentKey = xorOf(contentKey, bytes);
  }
  const keyIds = envelope.shares.map((share) => String(share.kid));
  return decryptValue(envelope.value, { keyId: sharedKeyId(keyIds), secret: contentKey }, at);
}

/** Where the vault's data keys live: `PostgresDataKeyStore`. */
export interface DataKeyStore {
  dataKeyFor(keyId: string, personId?: string | null): Promise<DataKey>;
  keysFor(keyIds: Iterable<string>): Promise<DataKeyring>;
  erase(keyIds: readonly string[]): Promise<ErasedKey[]>;
  erasePerson(personId: string): Promise<ErasedKey[]>;
  forget(keyIds: Iterable<string>): void;
}

/** An event's data as stored, and its id (bound into each of its personal values). */
export type StoredData = Readonly<{ eventId: string; data: Json }>;

/** An event's data sealed for storage, and the data keys it was sealed under. */
export type SealedData = Readonly<{ data: Json; keyIds: readonly string[] }>;

/** An event's data opened: personal values decrypted, which keys it used, what was erased. */
export type OpenedData = DecryptedData & Readonly<{ keyIds: readonly string[] }>;

/** A value sealed outside an event (a read-model column, a snapshot) and where it is bound. */
export type SealedValue = Readonly<{ sealed: unknown; at: ValueLocation }>;

/**
 * Personal data in and out of storage, for every writer and reader: the fields
 * an event's contract marks personal are encrypted under the data subject's
 * key on the way in and decrypted on the way out, many events per key fetch;
 * values kept elsewhere (read models, snapshots, stored responses) are sealed
 * the same way under keys the caller names.
 */
export class PersonalDataVault {
  constructor(
    private readonly catalog: EventCatalog,
    private readonly keys: DataKeyStore,
  ) {}

  /**
   * The event's data with its personal values encrypted, bound to `eventId`;
   * data of a type with no personal fields comes back as is. Throws
   * `PersonalDataErasedError` when the subject's data was erased.
   */
  async sealEvent(type: string, data: Json, eventId: string): Promise<SealedData> {
    const marking = this.catalog.contractOf(type)?.personalData;
    // Nothing to seal (no marking, or every personal field null): no key is asked for.
    if (marking === undefined || !holdsPersonalValues(data, marking)) return { data, keyIds: [] };
    const key = await this.keys.dataKeyFor(dataKeyIdOf(marking, data), personIdOf(marking, data));
    return { data: encryptPersonalData(data, marking, key, eventId), keyIds: [key.keyId] };
  }

  /**
   * Throws `PersonalDataErasedError` where `sealEvent` would, fetching the key it then uses:
   * a process learns that its decision cannot be written before it writes anything elsewhere.
   */
  async checkSealable(type: string, data: Json): Promise<void> {
    const marking = this.catalog.contractOf(type)?.personalData;
    if (marking === undefined || !holdsPersonalValues(data, marking)) return;
    await this.keys.dataKeyFor(dataKeyIdOf(marking, data), personIdOf(marking, data));
  }

  /** Each event's data opened, in order, with one key fetch for them all. */
  async openEvents(stored: readonly StoredData[]): Promise<OpenedData[]> {
    const perEvent = stored.map(({ data }) => keyIdsIn(data));
    const all = new Set(perEvent.flatMap((ids) => [...ids]));
    if (all.size === 0) {
      return stored.map(({ data }) => ({ data, erasedPaths: [], keyIds: [] }));
    }
    const keyring = await this.keys.keysFor(all);
    return stored.map(({ eventId, data }, index) => ({
      ...decryptPersonalData(data, eventId, keyring),
      keyIds: [...perEvent[index]],
    }));
  }

  /**
   * `value` (any JSON value) sealed so that erasing any key of `keyIds` makes it
   * unreadable; `value` itself for none. Under one key it is one envelope. Under
   * several, it is encrypted once with a fresh content key split into shares
   * (XOR), each share sealed under one of the keys: its size grows with the
   * number of keys, not by nesting.
   */
  async sealValue(value: unknown, keyIds: readonly string[], at: ValueLocation): Promise<unknown> {
    const ids = [...new Set(keyIds)].sort();
    if (ids.length === 0) return value;
    if (ids.length === 1) return encryptValue(value, await this.keys.dataKeyFor(ids[0]), at);
    const contentKey = randomBytes(DATA_KEY_BYTES);
    const others = ids.slice(1).map(() => randomBytes(DATA_KEY_BYTES));
    const shares = [others.reduce((xored, share) => xorOf(xored, share), contentKey), ...others];
    const sealedShares: EncryptedValue[] = [];
    for (const [index, keyId] of ids.entries()) {
      const key = await this.keys.dataKeyFor(keyId);
      sealedShares.push(encryptValue(shares[index].toString('base64url'), key, at));
    }
    const envelope: SharedEnvelope = {
      $enc: SHARED_ENVELOPE_VERSION,
      shares: sealedShares,
      value: encryptValue(value, { keyId: sharedKeyId(ids), secret: contentKey }, at),
    };
    return envelope;
  }

  /**
   * Each sealed value opened, in order, with one key fetch for them all: a value
   * under an erased key reads as `ERASED_VALUE`, and one that was never sealed as
   * it is. `PersonalDataIntegrityError` for an altered or moved one.
   */
  async openValues(values: readonly SealedValue[]): Promise<unknown[]> {
    const keyIds = new Set<string>();
    for (const { sealed } of values) {
      if (isSharedEnvelope(sealed))
        for (const share of sealed.shares) keyIds.add(String(share.kid));
      else if (isEncryptedValue(sealed)) keyIds.add(String(sealed.kid));
    }
    if (keyIds.size === 0) return values.map(({ sealed }) => sealed);
    const keyring = await this.keys.keysFor(keyIds);
    return values.map(({ sealed, at }) => {
      if (isSharedEnvelope(sealed)) return openShared(sealed, keyring, at);
      if (!isEncryptedValue(sealed)) return sealed;
      const key = keyring.get(String(sealed.kid));
      return key ? decryptValue(sealed, key, at) : ERASED_VALUE;
    });
  }

  /** Whether any of the keys is erased (from memory while this process keeps them). */
  async anyErased(keyIds: readonly string[]): Promise<boolean> {
    if (keyIds.length === 0) return false;
    const keyring = await this.keys.keysFor(keyIds);
    return keyIds.some((keyId) => keyring.get(keyId) === null);
  }

  /** Erases the data keys of every candidacy of the person. */
  erasePerson(personId: string): Promise<ErasedKey[]> {
    return this.keys.erasePerson(personId);
  }

  /** Erases the named data keys (a subject without a person, an interviewer). */
  erase(keyIds: readonly string[]): Promise<ErasedKey[]> {
    return this.keys.erase(keyIds);
  }
}
