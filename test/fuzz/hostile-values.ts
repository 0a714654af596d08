import fc from 'fast-check';

/*
 * What an attacker, a broken client or a copy-paste from a word processor
 * sends: invisible and direction-changing characters, broken UTF-16, control
 * characters, text that changes under normalization, very long text, numbers
 * and dates that are almost right, and structures where values belong.
 */

/** Characters that must never reach a stored text field, or that change it under normalization. */
export const HOSTILE_CHARACTERS: readonly string[] = [
  '\u200b', // zero-width space
  '\u200d', // zero-width joiner
  '\u2060', // word joiner
  '\ufeff', // byte order mark
  '\u00ad', // soft hyphen
  '\u202e', // right-to-left override
  '\u202d', // left-to-right override
  '\u2067', // right-to-left isolate
  '\u061c', // Arabic letter mark
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\udc00\ud800', // surrogates in the wrong order
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085', // next line (a control character)
  '\u2028', // line separator
  '\u2029', // paragraph separator
  '\ue000', // private use
  '\uffff', // noncharacter
  '\u0301', // combining acute accent, alone
  '\ufe0f', // variation selector
  '\u00a0', // no-break space
  '\u3000', // ideographic space
  '\t',
  '\r\n',
];

/** Strings that look like text but are not what a field can hold (or only after normalization). */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '   \t  ',
  '\u00a0\u3000',
  ' Ada Lovelace ',
  'Ade\u0301le', // NFD; NFC is 'Adèle'
  'A\u030angstro\u0308m',
  '\u1100\u1161\u11a8', // Hangul in conjoining jamo
  '\ufb01nance', // a ligature NFC leaves alone
  '\u0301\u0301\u0301',
  'a\ufe0f'.repeat(150),
  'a\ufe0f'.repeat(1_500),
  '👩‍👩‍👧‍👦'.repeat(60),
  '𝒜𝒹𝒶',
  'Ada\u202eecalevoL',
  'Ada\u200bLovelace',
  'Ada\u0000Lovelace',
  'Ada\ud800Lovelace',
  'line one\nline two',
  'x'.repeat(101),
  'x'.repeat(201),
  'x'.repeat(2_001),
  'x'.repeat(10_001),
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  '1',
  '-1',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
];

/** Instants, dates, clock times and zones that are almost right. */
export const HOSTILE_TIMES: readonly string[] = [
  '2030-02-30T09:00:00Z',
  '2029-02-29T09:00:00Z',
  '2028-02-29T09:00:00Z',
  '2030-13-01T09:00:00Z',
  '2030-00-10T09:00:00Z',
  '2030-03-04T24:00:00Z',
  '2030-03-04T23:59:60Z',
  '2030-03-04T09:60:00Z',
  '2030-03-04T09:00:00+01:00',
  '2030-03-04T09:00:00',
  '2030-03-04T09:00:00.1234Z',
  '2030-03-04 09:00:00Z',
  '2030-03-04t09:00:00z',
  '2030-03-04',
  '1999-12-31T23:59:59Z',
  '2000-01-01T00:00:00Z',
  '2099-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  '24:00',
  '23:60',
  '9:00',
  '09:00:00',
  'Europe/Lndon',
  'europe/london',
  'Etc/GMT+14',
  'EST5EDT',
  'America/Argentina/ComodRivadavia',
  '../../../etc/localtime',
];

/** Values of every JSON type that a field of another type, or any field, may receive. */
export const HOSTILE_SCALARS: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/** An object of `depth` nested levels, deeper than any request nests. */
export function nested(depth: number, inArrays: boolean): unknown {
  let value: unknown = 'deep';
  for (let level = 0; level < depth; level += 1) value = inArrays ? [value] : { a: value };
  return value;
}

/** Objects that carry prototype-pollution keys as their own properties, as JSON.parse makes them. */
export const POLLUTING_OBJECTS: readonly unknown[] = [
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"prototype":{"polluted":true}}'),
];

/** Keys a body should never gain: prototype pollution, look-alikes of real fields, junk. */
export const HOSTILE_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'candidateId',
  'status',
  'actor',
  '',
  ' ',
  'fullName\u200b',
  'x'.repeat(300),
];

/** Structures where scalars belong, and the reverse. */
const HOSTILE_STRUCTURES: readonly unknown[] = [
  [],
  [null],
  [[]],
  {},
  { a: 1 },
  ['2030-03-04T09:00:00Z'],
  nested(40, false),
  nested(40, true),
  nested(20, false),
  ...POLLUTING_OBJECTS,
];

/** Any hostile character somewhere in otherwise ordinary text. */
export const hostileText: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(...HOSTILE_CHARACTERS),
    fc.string({ maxLength: 8 }),
  )
  .map(([before, character, after]) => `${before}${character}${after}`);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_TIMES),
  hostileText,
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Any hostile JSON value: strings, numbers, structures. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: fc.constantFrom(...HOSTILE_SCALARS), weight: 2 },
  { arbitrary: fc.constantFrom(...HOSTILE_STRUCTURES), weight: 1 },
);

/** Header values a client can put on the wire (visible Latin-1), chosen to break parsers. */
export const HOSTILE_HEADER_VALUES: readonly string[] = [
  '',
  ' ',
  'a b',
  'x'.repeat(256),
  'x'.repeat(8_000),
  'caf\u00e9',
  '"1"',
  '"-1"',
  '"01"',
  '"99999999999999999999"',
  '"18446744073709551616"',
  '"9223372036854775808"',
  '*',
  'W/"1"',
  '"1", "2"',
  '""',
  '"1',
  '1',
  '"1 "',
  '\t"1"',
];

/** Content types other than the one the API reads, and the one it reads in odd spellings. */
export const CONTENT_TYPES: readonly (string | undefined)[] = [
  undefined,
  '',
  'APPLICATION/JSON',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;;',
  'application/vnd.api+json',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '*/*',
];

/** Query strings a URL parser must survive: bad escapes, repeated and polluting keys, noise. */
export const HOSTILE_QUERY_TAILS: readonly string[] = [
  '&',
  '&&&=&',
  '%',
  '%ZZ',
  '%C0%80=1',
  '%ED%A0%80=1',
  'a=%00',
  '=x',
  'limit=1&limit=2',
  'from=2030-03-01T00:00:00Z&from=2030-03-02T00:00:00Z',
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  'a[b][c][d][e][f][g]=1',
  `q=${'x'.repeat(5_000)}`,
  'limit=1e2',
  'offset=-0',
  'limit=%2B1',
  'stage[]=applied',
];
