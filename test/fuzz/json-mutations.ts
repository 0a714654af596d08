import fc from 'fast-check';
import { HOSTILE_CHARACTERS, HOSTILE_KEYS, hostileValue } from './hostile-values';

type Path = readonly (string | number)[];

/** One change to a JSON value, drawn as data so fast-check can report it. */
export type JsonMutation = Readonly<{
  kind:
    | 'replace'
    | 'insert-character'
    | 'pad-with-space'
    | 'decompose'
    | 'repeat-text'
    | 'remove'
    | 'add-key'
    | 'wrap-in-array'
    | 'unwrap'
    | 'as-string'
    | 'repeat-items';
  /** Which node (or string, or object) of the value, modulo how many there are. */
  at: number;
  value: unknown;
  key: string;
  character: string;
  position: number;
}>;

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.record({
  kind: fc.constantFrom<JsonMutation['kind']>(
    'replace',
    'replace',
    'insert-character',
    'insert-character',
    'pad-with-space',
    'decompose',
    'repeat-text',
    'remove',
    'add-key',
    'wrap-in-array',
    'unwrap',
    'as-string',
    'repeat-items',
  ),
  at: fc.nat(),
  value: hostileValue,
  key: fc.constantFrom(...HOSTILE_KEYS),
  character: fc.constantFrom(...HOSTILE_CHARACTERS),
  position: fc.nat(),
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathsOf(value: unknown, path: Path = []): Path[] {
  const children = Array.isArray(value)
    ? value.flatMap((item, i) => pathsOf(item, [...path, i]))
    : isObject(value)
      ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))
      : [];
  return [path, ...children];
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, step) => (node as Record<string | number, unknown> | undefined)?.[step],
    value,
  );
}

/** An own, enumerable property even for `__proto__`, as JSON.parse makes it. */
function withProperty(
  object: Record<string, unknown>,
  key: string,
  item: unknown,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(object)) {
    Object.defineProperty(copy, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  Object.defineProperty(copy, key, {
    value: item,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

const REMOVE = Symbol('remove');

/** `value` with the node at `path` replaced by `change(node)`, or removed when it returns `REMOVE`. */
function changedAt(value: unknown, path: Path, change: (node: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const [step, ...rest] = path;
  if (Array.isArray(value)) {
    const changed = changedAt(value[step as number], rest, change);
    return changed === REMOVE && rest.length === 0
      ? value.filter((_item, i) => i !== step)
      : value.map((item, i) => (i === step ? changed : item));
  }
  const object = value as Record<string, unknown>;
  const changed = changedAt(object[step as string], rest, change);
  if (changed === REMOVE && rest.length === 0) {
    return Object.fromEntries(Object.entries(object).filter(([key]) => key !== step));
  }
  return withProperty(object, step as string, changed);
}

function textChange(mutation: JsonMutation): (text: string) => string {
  const cut = (text: string) => Math.min(mutation.position, text.length);
  switch (mutation.kind) {
    case 'insert-character':
      return (text) => `${text.slice(0, cut(text))}${mutation.character}${text.slice(cut(text))}`;
    case 'pad-with-space':
      return (text) => ` \t${text}\u00a0 `;
    case 'decompose':
      return (text) => text.normalize('NFD');
    default:
      return (text) => text.repeat(1 + (mutation.position % 400));
  }
}

/** `value` with `mutation` applied; the original is left as it was. */
export function mutated(value: unknown, mutation: JsonMutation): unknown {
  const paths = pathsOf(value);
  const pick = (candidates: Path[]): Path | undefined =>
    candidates.length === 0 ? undefined : candidates[mutation.at % candidates.length];
  switch (mutation.kind) {
    case 'insert-character':
    case 'pad-with-space':
    case 'decompose':
    case 'repeat-text': {
      const path = pick(paths.filter((p) => typeof valueAt(value, p) === 'string'));
      if (path === undefined) return changedAt(value, pick(paths)!, () => mutation.value);
      return changedAt(value, path, (node) => textChange(mutation)(node as string));
    }
    case 'remove': {
      const path = pick(paths.filter((p) => p.length > 0));
      return path === undefined ? value : changedAt(value, path, () => REMOVE);
    }
    case 'add-key': {
      const path = pick(paths.filter((p) => isObject(valueAt(value, p))));
      if (path === undefined) return value;
      return changedAt(value, path, (node) =>
        withProperty(node as Record<string, unknown>, mutation.key, mutation.value),
      );
    }
    case 'wrap-in-array':
      return changedAt(value, pick(paths)!, (node) => [node]);
    case 'unwrap':
      return changedAt(value, pick(paths)!, (node) =>
        Array.isArray(node) ? node[0] : isObject(node) ? Object.values(node) : { value: node },
      );
    case 'as-string':
      return changedAt(value, pick(paths)!, (node) =>
        typeof node === 'string' ? Number(node) : JSON.stringify(node),
      );
    case 'repeat-items': {
      const path = pick(paths.filter((p) => Array.isArray(valueAt(value, p))));
      if (path === undefined) return changedAt(value, pick(paths)!, () => mutation.value);
      return changedAt(value, path, (node) => {
        const items = node as unknown[];
        return items.length === 0 ? [mutation.value] : Array.from({ length: 13 }, () => items[0]);
      });
    }
    default:
      return changedAt(value, pick(paths)!, () => mutation.value);
  }
}
