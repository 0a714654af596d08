import type { EventCatalog } from '@hirestream/contracts';
import { ERASED_VALUE, isEncryptedValue, type EncryptedValue } from '../cipher/encrypted-value';
import {
  decryptPersonalData,
  encryptPersonalData,
  keyIdsIn,
  type DecryptedData,
} from '../cipher/event-data-cipher';
import { decryptValue, encryptValue, type ValueLocation } from '../cipher/value-cipher';
import { dataKeyIdOf, personIdOf, type DataKey, type DataKeyring } from '../keys/data-key';
import type { ErasedKey } from '../keys/postgres-data-key-store';

type Json = Readonly<Record<string, unknown>>;

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
    readonly keys: DataKeyStore,
  ) {}

  /**
   * The event's data with its personal values encrypted, bound to `eventId`;
   * data of a type with no personal fields comes back as is. Throws
   * `PersonalDataErasedError` when the subject's data was erased.
   */
  async sealEvent(type: string, data: Json, eventId: string): Promise<SealedData> {
    const marking = this.catalog.contractOf(type)?.personalData;
    if (marking === undefined) return { data, keyIds: [] };
    const key = await this.keys.dataKeyFor(dataKeyIdOf(marking, data), personIdOf(marking, data));
    return { data: encryptPersonalData(data, marking, key, eventId), keyIds: [key.keyId] };
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
   * `value` (any JSON value) sealed under every key of `keyIds`, one inside the
   * other, so erasing any of them makes it unreadable; `value` itself for none.
   */
  async sealValue(value: unknown, keyIds: readonly string[], at: ValueLocation): Promise<unknown> {
    let sealed = value;
    for (const keyId of [...new Set(keyIds)].sort()) {
      sealed = encryptValue(sealed, await this.keys.dataKeyFor(keyId), at);
    }
    return sealed;
  }

  /**
   * Each sealed value opened, in order, with one key fetch for them all: a value
   * under an erased key reads as `ERASED_VALUE`, and one that was never sealed as
   * it is. `PersonalDataIntegrityError` for an altered or moved one.
   */
  async openValues(values: readonly SealedValue[]): Promise<unknown[]> {
    const opened = values.map(({ sealed }) => sealed);
    // Values sealed under several keys nest: each round opens one layer of them all.
    let layer = opened.flatMap((sealed, index) => (isEncryptedValue(sealed) ? [index] : []));
    while (layer.length > 0) {
      const keyring = await this.keys.keysFor(
        new Set(layer.map((index) => String((opened[index] as EncryptedValue).kid))),
      );
      layer = layer.filter((index) => {
        const envelope = opened[index] as EncryptedValue;
        const key = keyring.get(String(envelope.kid));
        opened[index] = key ? decryptValue(envelope, key, values[index].at) : ERASED_VALUE;
        return isEncryptedValue(opened[index]);
      });
    }
    return opened;
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

  /** Drops keys another process erased from this process's memory. */
  forget(keyIds: Iterable<string>): void {
    this.keys.forget(keyIds);
  }
}
