/** A JSON value, as an HTTP answer carries it. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A folded state as JSON, keeping what `JSON.stringify` would lose or refuse:
 * a bigint is `{ "$bigint": "12" }`, a Date `{ "$date": "<ISO instant>" }`, a
 * Set `{ "$set": [...] }`, a Map with string keys `{ "$map": { key: value } }`
 * and any other Map `{ "$mapEntries": [[key, value], ...] }`, a number JSON
 * cannot write (NaN, ±Infinity) `{ "$number": "NaN" }`. An object key starting
 * with `$` gets one more `$`, so a tag is never mistaken for a key. As in JSON,
 * an `undefined` property is left out and an `undefined` array item is null.
 * Functions, symbols and cycles are not state: they throw.
 */
export function faithfulJson(value: unknown): JsonValue {
  return rendered(value, new Set());
}

function rendered(value: unknown, ancestors: Set<object>): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : { $number: String(value) };
    case 'bigint':
      return { $bigint: value.toString() };
    case 'undefined':
      return null;
    case 'object':
      return value === null ? null : renderedObject(value, ancestors);
    default:
      throw new TypeError(`a ${typeof value} is not state and has no JSON form`);
  }
}

function renderedObject(value: object, ancestors: Set<object>): JsonValue {
  if (ancestors.has(value)) throw new TypeError('a state that contains itself has no JSON form');
  if (value instanceof Date) {
    return { $date: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
  }
  ancestors.add(value);
  try {
    const inner = (item: unknown) => rendered(item, ancestors);
    if (Array.isArray(value)) return value.map(inner);
    if (value instanceof Set) return { $set: [...value].map(inner) };
    if (value instanceof Map) {
      const entries = [...value.entries()];
      return entries.every(([key]) => typeof key === 'string')
        ? { $map: objectOf(entries as [string, unknown][], inner) }
        : { $mapEntries: entries.map(([key, item]) => [inner(key), inner(item)]) };
    }
    return objectOf(Object.entries(value), inner);
  } finally {
    ancestors.delete(value);
  }
}

function objectOf(
  entries: readonly (readonly [string, unknown])[],
  inner: (item: unknown) => JsonValue,
): { [key: string]: JsonValue } {
  const object: { [key: string]: JsonValue } = {};
  for (const [key, item] of entries) {
    if (item === undefined) continue;
    // Defined, not assigned: a key named __proto__ is data here, never the object's prototype.
    Object.defineProperty(object, key.startsWith('$') ? `$${key}` : key, {
      value: inner(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}
