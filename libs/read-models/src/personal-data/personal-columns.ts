import { isEncryptedValue, type PersonalDataVault } from '@hirestream/personal-data';

/** Where a kept value is bound: its row (table and key) and its column. */
export type ColumnLocation = Readonly<{ row: string; column: string }>;

/** A kept value as stored, and where. */
export type StoredColumn = Readonly<{ stored: string | null; at: ColumnLocation }>;

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

  /** `value` as its column keeps it: the JSON of its envelope under `keyIds` (as is for none). */
  async seal(
    value: string | null,
    keyIds: readonly string[],
    at: ColumnLocation,
  ): Promise<string | null> {
    if (value === null || this.vault === undefined || keyIds.length === 0) return value;
    return JSON.stringify(await this.vault.sealValue(value, keyIds, valueLocation(at)));
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
