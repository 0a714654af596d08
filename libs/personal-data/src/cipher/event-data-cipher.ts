import type { PersonalDataMarking } from '@hirestream/contracts';
import { dataKeyIdOf, type DataKey, type DataKeyring } from '../keys/data-key';
import {
  ERASED_VALUE,
  isEncryptedValue,
  PersonalDataIntegrityError,
  type EncryptedValue,
} from './encrypted-value';
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

/** Whether the data holds a personal value (a string at one of the marking's paths) to encrypt. */
export function holdsPersonalValues(data: Json, marking: PersonalDataMarking): boolean {
  let found = false;
  for (const pattern of marking.paths) {
    replaceAt(data, pattern.split('/').slice(1), '', (value) => {
      found = true;
      return value;
    });
  }
  return found;
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

/** A decryption's event, keys, the path walked so far (as segments) and what was erased. */
type Walk = Readonly<{
  eventId: string;
  keys: DataKeyring;
  segments: (string | number)[];
  erasedPaths: string[];
}>;

function pathOf(segments: readonly (string | number)[]): string {
  return segments
    .map((segment) => `/${typeof segment === 'number' ? segment : encodeToken(segment)}`)
    .join('');
}

function decryptEnvelope(envelope: Readonly<Record<string, unknown>>, walk: Walk): unknown {
  const path = pathOf(walk.segments);
  const { kid } = envelope;
  if (typeof kid !== 'string') {
    throw new PersonalDataIntegrityError(walk.eventId, path, 'it names no key');
  }
  const key = walk.keys.get(kid);
  if (key === undefined) {
    throw new Error(`data key ${kid} was not fetched before decrypting event ${walk.eventId}`);
  }
  if (key === null) {
    walk.erasedPaths.push(path);
    return ERASED_VALUE;
  }
  return decryptValue(envelope as EncryptedValue, key, { eventId: walk.eventId, path });
}

/** `value` with every envelope in it decrypted; the same object when it holds none. */
function decryptIn(value: unknown, walk: Walk): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (isEncryptedValue(value)) return decryptEnvelope(value, walk);
  const { segments } = walk;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      if (typeof item !== 'object' || item === null) continue;
      segments.push(index);
      const decrypted = decryptIn(item, walk);
      segments.pop();
      if (decrypted !== item) (copy ??= [...value])[index] = decrypted;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const name in value) {
    const inner = (value as Readonly<Record<string, unknown>>)[name];
    if (typeof inner !== 'object' || inner === null) continue;
    segments.push(name);
    const decrypted = decryptIn(inner, walk);
    segments.pop();
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
  const walk: Walk = { eventId, keys, segments: [], erasedPaths: [] };
  return { data: decryptIn(data, walk) as Json, erasedPaths: walk.erasedPaths };
}
