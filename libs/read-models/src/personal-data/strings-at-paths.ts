/** A string found at one of a JSON value's paths: its JSON Pointer, and the object or array holding it. */
export type StringAtPath = Readonly<{
  pointer: string;
  holder: Record<string | number, unknown>;
  key: string | number;
  value: string;
}>;

const unescaped = (token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~');
const escaped = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Every string of `json` at `paths` (JSON Pointers, a `*` segment standing for
 * every item of an array), once each, with where it is held so it can be
 * replaced in place. Absent members, nulls and values of other types are passed over.
 */
export function stringsAtPaths(json: unknown, paths: readonly string[]): StringAtPath[] {
  const found = new Map<string, StringAtPath>();
  const walk = (node: unknown, tokens: readonly string[], pointer: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const [token, ...rest] = tokens;
    const keys: (string | number)[] = Array.isArray(node)
      ? token === '*'
        ? [...node.keys()]
        : [Number(token)]
      : Object.hasOwn(node, unescaped(token))
        ? [unescaped(token)]
        : [];
    for (const key of keys) {
      const holder = node as Record<string | number, unknown>;
      const at = `${pointer}/${escaped(String(key))}`;
      const child = holder[key];
      if (rest.length > 0) walk(child, rest, at);
      else if (typeof child === 'string') found.set(at, { pointer: at, holder, key, value: child });
    }
  };
  for (const path of paths) walk(json, path.split('/').slice(1), '');
  return [...found.values()];
}
