/** What changed between two JSON values, each place named by a JSON Pointer (RFC 6901). */
export type JsonDifference = {
  added: { path: string; value: unknown }[];
  removed: { path: string; value: unknown }[];
  changed: { path: string; from: unknown; to: unknown }[];
};

const pointerOf = (path: string, key: string | number) =>
  `${path}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;

const kindOf = (value: unknown) =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;

/**
 * The places where `to` differs from `from`: members and array items only one
 * side has are added or removed, values that differ (or change kind) changed;
 * objects and arrays are compared member by member, arrays index by index.
 */
export function jsonDiff(from: unknown, to: unknown): JsonDifference {
  const difference: JsonDifference = { added: [], removed: [], changed: [] };
  const compare = (a: unknown, b: unknown, path: string): void => {
    if (kindOf(a) !== kindOf(b)) {
      difference.changed.push({ path, from: a, to: b });
    } else if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
        if (i >= b.length) difference.removed.push({ path: pointerOf(path, i), value: a[i] });
        else if (i >= a.length) difference.added.push({ path: pointerOf(path, i), value: b[i] });
        else compare(a[i], b[i], pointerOf(path, i));
      }
    } else if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      const before = a as Record<string, unknown>;
      const after = b as Record<string, unknown>;
      for (const key of Object.keys(before)) {
        if (Object.hasOwn(after, key)) compare(before[key], after[key], pointerOf(path, key));
        else difference.removed.push({ path: pointerOf(path, key), value: before[key] });
      }
      for (const key of Object.keys(after)) {
        if (!Object.hasOwn(before, key))
          difference.added.push({ path: pointerOf(path, key), value: after[key] });
      }
    } else if (a !== b) {
      difference.changed.push({ path, from: a, to: b });
    }
  };
  compare(from, to, '');
  return difference;
}
