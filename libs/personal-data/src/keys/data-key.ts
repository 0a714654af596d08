import type { DataSubjectKind, PersonalDataMarking } from '@hirestream/contracts';

/** A data subject's AES-256 key, in memory only; stored wrapped by the key-encryption key. */
export type DataKey = Readonly<{ keyId: string; secret: Buffer }>;

/** The bytes of a data key (AES-256). */
export const DATA_KEY_BYTES = 32;

/**
 * The data keys a decryption may use, by key id: `null` for a key that is erased
 * (or was never stored). A key id missing from it is a caller's mistake (it was
 * not fetched) and throws, so an unfetched key never reads as erased.
 */
export type DataKeyring = ReadonlyMap<string, DataKey | null>;

/** The id of a data subject's key: `candidate:<candidateId>`. */
export function dataKeyId(kind: DataSubjectKind, subjectId: string): string {
  return `${kind}:${subjectId}`;
}

/** The id of the data key of an event's subject, from its data and its contract's marking. */
export function dataKeyIdOf(
  marking: PersonalDataMarking,
  data: Readonly<Record<string, unknown>>,
): string {
  const subjectId = data[marking.subject.field];
  if (typeof subjectId !== 'string' || subjectId === '') {
    throw new Error(`the data subject field ${marking.subject.field} is missing from the data`);
  }
  return dataKeyId(marking.subject.kind, subjectId);
}

/** The person an event links its subject's key to (`personField`), or null. */
export function personIdOf(
  marking: PersonalDataMarking,
  data: Readonly<Record<string, unknown>>,
): string | null {
  const field = marking.subject.personField;
  const personId = field === undefined ? undefined : data[field];
  return typeof personId === 'string' ? personId : null;
}
