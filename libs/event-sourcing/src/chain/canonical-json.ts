/**
 * The one serialization the chain hashes: JSON with object keys sorted (by UTF-16
 * code units) at every depth and no whitespace; strings and numbers as
 * `JSON.stringify` writes them (so the form is RFC 8785's). It treats values as
 * `JSON.stringify` does (`toJSON` is called, keys whose value is undefined, a
 * function or a symbol are left out, such array items and non-finite numbers
 * become `null`), so a value hashes alike before it is stored and once read back.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalOrUndefined(value);
  if (text === undefined) throw new TypeError('a value JSON cannot hold has no canonical form');
  return text;
}

function canonicalOrUndefined(input: unknown): string | undefined {
  const value = hasToJson(input) ? input.toJSON() : input;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('a bigint has no JSON form: write it as a decimal string');
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => canonicalOrUndefined(item) ?? 'null').join(',')}]`;
      }
      return canonicalObject(value as Record<string, unknown>);
    default:
      return undefined;
  }
}

function canonicalObject(object: Record<string, unknown>): string {
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = canonicalOrUndefined(object[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

function hasToJson(value: unknown): value is { toJSON: () => unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}
