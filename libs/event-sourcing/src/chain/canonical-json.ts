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

// Verification serializes every stored event: plain loops and concatenation, no
// intermediate arrays.
function canonicalOrUndefined(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('a bigint has no JSON form: write it as a decimal string');
    case 'object':
      if (value === null) return 'null';
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return canonicalOrUndefined((value as { toJSON: () => unknown }).toJSON());
      }
      return Array.isArray(value)
        ? canonicalArray(value)
        : canonicalObject(value as Record<string, unknown>);
    default:
      return undefined;
  }
}

function canonicalArray(array: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < array.length; i += 1) {
    if (i > 0) text += ',';
    text += canonicalOrUndefined(array[i]) ?? 'null';
  }
  return `${text}]`;
}

function canonicalObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object).sort();
  let text = '{';
  for (const key of keys) {
    const member = canonicalOrUndefined(object[key]);
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${quoted(key)}:${member}`;
  }
  return `${text}}`;
}

/** Characters `JSON.stringify` escapes in a string: quote, backslash, controls, surrogates. */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as `JSON.stringify` writes it; most need no escaping and are only quoted. */
function quoted(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}
