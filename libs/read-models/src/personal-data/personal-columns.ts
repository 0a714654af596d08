import {
  ERASED_VALUE,
  isEncryptedValue,
  PersonalDataErasedError,
  type PersonalDataVault,
} from '@hirestream/personal-data';
import { stringsAtPaths } from './strings-at-paths';

/** Where a kept value is bound: its row (table and key) and its column. */
export type ColumnLocation = Readonly<{ row: string; column: string }>;

/** A kept value as stored, and where. */
export type StoredColumn = Readonly<{ stored: string | null; at: ColumnLocation }>;

/** A kept JSON state (a fold's state in a jsonb column) as stored, and where. */
export type StoredState = Readonly<{ state: unknown; at: ColumnLocation }>;

/** Where a string at `pointer` inside the state kept at `at` is bound. */
function insideState(at: ColumnLocation, pointer: string): ColumnLocation {
  return { row: at.row, column: `${at.column}${pointer}` };
}

function valueLocation({ row, column }: ColumnLocation) {
  return { eventId: row, path: `/${column}` };
}

function parsedEnvelope(stored: string): unknown {
  if (!stored.startsWith('{')) return stored;
  try {
    const parsed: unknown = JSON.parse(stored);
    return isEncryptedValue(parsed) ? parsed : stored;
  } catch {
    return stored;
  }
}

/**
 * Personal values a store keeps outside the events (a read model's column, an
 * outbox message, a rendered letter): sealed under the data subject's keys in
 * a text column, bound to the row and the column, and opened when read, so
 * erasing the subject's key erases them where they are, in the table, its dead
 * rows, the WAL and backups alike. Without a vault (tools, tests of a bare
 * store) values are kept as they are.
 */
export class PersonalColumns {
  constructor(private readonly vault: PersonalDataVault | undefined) {}

  /**
   * `value` as its column keeps it: the JSON of its envelope under `keyIds` (as
   * is for none); `[erased]` once any of them is erased, so nothing of it is
   * kept and a projection folding the subject's events after the erasure goes on.
   */
  async seal(
    value: string | null,
    keyIds: readonly string[],
    at: ColumnLocation,
  ): Promise<string | null> {
    if (value === null || this.vault === undefined || keyIds.length === 0) return value;
    try {
      return JSON.stringify(await this.vault.sealValue(value, keyIds, valueLocation(at)));
    } catch (error) {
      if (error instanceof PersonalDataErasedError) return ERASED_VALUE;
      throw error;
    }
  }

  /**
   * A copy of each state (a JSON value) with every string at `paths` (JSON
   * Pointers, `*` for every item of an array) sealed under the state's `keyIds`,
   * bound to its row and to its place in the column, so everything else of the
   * state stays readable once the subject's key is erased.
   */
  async sealStates(
    states: readonly (StoredState & Readonly<{ keyIds: readonly string[] }>)[],
    paths: readonly string[],
  ): Promise<unknown[]> {
    return Promise.all(
      states.map(async ({ state, keyIds, at }) => {
        const copy = structuredClone(state);
        await Promise.all(
          stringsAtPaths(copy, paths).map(async ({ holder, key, value, pointer }) => {
            holder[key] = await this.seal(value, keyIds, insideState(at, pointer));
          }),
        );
        return copy;
      }),
    );
  }

  /** Each state sealed by `sealStates` opened, in order, with one key fetch for them all. */
  async openStates(states: readonly StoredState[], paths: readonly string[]): Promise<unknown[]> {
    const copies = states.map(({ state }) => structuredClone(state));
    const sealed = copies.flatMap((copy, index) =>
      stringsAtPaths(copy, paths).map((found) => ({ ...found, at: states[index].at })),
    );
    const opened = await this.open(
      sealed.map(({ value, at, pointer }) => ({ stored: value, at: insideState(at, pointer) })),
    );
    sealed.forEach(({ holder, key }, index) => (holder[key] = opened[index]));
    return copies;
  }

  /**
   * Each kept value opened, in order, with one key fetch for them all: `[erased]`
   * once its subject's key is erased; one kept as is comes back as is.
   * `PersonalDataIntegrityError` for one altered or moved to another row.
   */
  async open(values: readonly StoredColumn[]): Promise<(string | null)[]> {
    const sealed = values.map(({ stored, at }) => ({
      sealed: stored === null ? null : parsedEnvelope(stored),
      at: valueLocation(at),
    }));
    if (this.vault === undefined || !sealed.some(({ sealed: one }) => isEncryptedValue(one))) {
      return values.map(({ stored }) => stored);
    }
    const opened = await this.vault.openValues(sealed);
    return opened.map((value) => (value === null ? null : String(value)));
  }
}
