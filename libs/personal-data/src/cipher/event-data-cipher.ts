import type { PersonalDataMarking } from '@hirestream/contracts';
import { dataKeyIdOf, type DataKey, type DataKeyring } from '../keys/data-key';
import { ERASED_VALUE, isEncryptedValue, PersonalDataIntegrityError } from './encrypted-value';
import { decryptValue, encryptValue } from './value-cipher';

type Json = Readonly<Record<string, unknown>>;

/** An event's data as read: personal values decrypted, and where they were erased. */
export type DecryptedData = Readonly<{
  data: Json;
  /** The pointers of values whose key is erased: they read as `ERASED_VALUE`. */
  erasedPaths: readonly string[];
}>;

function decodeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

function encodeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * `value` with every string at `segments` (a `*` segment: every array item)
 * replaced by `replace(value, concretePath)`; objects along the way are copied,
 * never changed. Absent values and nulls are left as they are.
 */
function replaceAt(
  value: unknown,
  segments: readonly string[],
  path: string,
  replace: (leaf: string, path: string) => unknown,
): unknown {
  if (value === null || value === undefined) return value;
  if (segments.length === 0) {
    if (typeof value !== 'string') {
      throw new Error(`personal value ${path} is not a string: the data does not fit its contract`);
    }
    return replace(value, path);
  }
  const [segment, ...rest] = segments;
  if (segment === '*') {
    if (!Array.isArray(value)) return value;
    return value.map((item, index) => replaceAt(item, rest, `${path}/${index}`, replace));
  }
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const name = decodeToken(segment);
  const record = value as Json;
  if (!Object.prototype.hasOwnProperty.call(record, name)) return value;
  return { ...record, [name]: replaceAt(record[name], rest, `${path}/${segment}`, replace) };
}

/**
 * The event's data with every value at the marking's paths encrypted under the
 * subject's key (`key`, which must be that subject's), each bound to `eventId`
 * and its path. `data` is not changed.
 */
export function encryptPersonalData(
  data: Json,
  marking: PersonalDataMarking,
  key: DataKey,
  eventId: string,
): Json {
  const subjectKeyId = dataKeyIdOf(marking, data);
  if (subjectKeyId !== key.keyId) {
    throw new Error(`the data's subject has key ${subjectKeyId}, not ${key.keyId}`);
  }
  let encrypted: unknown = data;
  for (const pattern of marking.paths) {
    encrypted = replaceAt(encrypted, pattern.split('/').slice(1), '', (value, path) =>
      encryptValue(value, key, { eventId, path }),
    );
  }
  return encrypted as Json;
}

/** Every data key id named by an envelope in `data`, to fetch them all at once before decrypting. */
export function keyIdsIn(data: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof data !== 'object' || data === null) return into;
  if (isEncryptedValue(data)) {
    into.add(String(data.kid));
    return into;
  }
  for (const inner of Array.isArray(data) ? data : Object.values(data)) keyIdsIn(inner, into);
  return into;
}

/** `value` with every envelope in it decrypted; the same object when it holds none. */
function decryptIn(
  value: unknown,
  path: string,
  eventId: string,
  keys: DataKeyring,
  erasedPaths: string[],
): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (isEncryptedValue(value)) {
    const at = { eventId, path };
    const key = keys.get(String(value.kid));
    if (key === undefined) {
      if (typeof value.kid !== 'string') {
        throw new PersonalDataIntegrityError(eventId, path, 'it names no key');
      }
      throw new Error(`data key ${value.kid} was not fetched before decrypting event ${eventId}`);
    }
    if (key === null) {
      erasedPaths.push(path);
      return ERASED_VALUE;
    }
    return decryptValue(value, key, at);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const decrypted = decryptIn(item, `${path}/${index}`, eventId, keys, erasedPaths);
      if (decrypted !== item) (copy ??= [...value])[index] = decrypted;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [name, inner] of Object.entries(value)) {
    const decrypted = decryptIn(inner, `${path}/${encodeToken(name)}`, eventId, keys, erasedPaths);
    if (decrypted !== inner) (copy ??= { ...value })[name] = decrypted;
  }
  return copy ?? value;
}

/**
 * The event's data with every envelope in it decrypted with `keys` (fetched for
 * `keyIdsIn(data)`), whatever version wrote it: a value whose key is erased
 * reads as `ERASED_VALUE` and is listed in `erasedPaths`. Throws
 * `PersonalDataIntegrityError` for an altered value or one moved to another
 * event or path. Data without envelopes comes back as the same object.
 */
export function decryptPersonalData(data: Json, eventId: string, keys: DataKeyring): DecryptedData {
  const erasedPaths: string[] = [];
  return { data: decryptIn(data, '', eventId, keys, erasedPaths) as Json, erasedPaths };
}
