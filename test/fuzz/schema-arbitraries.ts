import { SchemaValidator } from '@hirestream/contracts';
import type { TSchema } from '@sinclair/typebox';
import fc from 'fast-check';
import type { JsonSchema } from '../support/openapi-operations';

/** Values the generated data may borrow, so that requests meet what exists. */
export type SchemaArbitraryContext = Readonly<{
  /** Ids of existing resources by collection, offered to the id-like fields they fit. */
  knownIds: ReadonlyMap<string, readonly string[]>;
  /** Instants something is booked at, offered to date-time fields so that bookings meet. */
  knownInstants: readonly string[];
}>;

const NOTHING_KNOWN: SchemaArbitraryContext = { knownIds: new Map(), knownInstants: [] };
const requests = new SchemaValidator({ text: 'normalize' });

const ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];

const MINUTE_MS = 60_000;
/** A Monday; generated instants fall in the two years after it, in the working part of the day. */
const FIRST_DAY = Date.parse('2030-01-07T00:00:00Z');

/** An instant as the API writes them: `2030-03-04T09:15:00Z`, sometimes with milliseconds. */
const instant: fc.Arbitrary<string> = fc
  .record({
    day: fc.integer({ min: 0, max: 730 }),
    quarter: fc.integer({ min: 6 * 4, max: 20 * 4 }),
    withMillis: fc.boolean(),
  })
  .map(({ day, quarter, withMillis }) => {
    const iso = new Date(FIRST_DAY + (day * 24 * 60 + quarter * 15) * MINUTE_MS).toISOString();
    return withMillis ? iso : iso.replace('.000Z', 'Z');
  });

const word = fc.stringMatching(/^[A-Z]?[a-z]{1,11}$/);
const anyScriptWord = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 });

/** A person's text: words, mostly Latin, sometimes any script; lines when the field allows them. */
function text(multiLine: boolean): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ arbitrary: word, weight: 4 }, { arbitrary: anyScriptWord, weight: 1 }), {
      minLength: 1,
      maxLength: 6,
    })
    .chain((words) =>
      fc
        .array(fc.constantFrom(...(multiLine ? [' ', ' ', '\n'] : [' '])), {
          minLength: words.length,
          maxLength: words.length,
        })
        .map((gaps) => words.map((w, i) => (i === 0 ? w : `${gaps[i]}${w}`)).join('')),
    );
}

/** Built once per pattern: a pattern with Unicode classes takes a second to turn into an arbitrary. */
const matching = new Map<string, fc.Arbitrary<string>>();
function stringMatching(pattern: string): fc.Arbitrary<string> {
  let arbitrary = matching.get(pattern);
  if (arbitrary === undefined) {
    arbitrary = fc.stringMatching(new RegExp(pattern, 'u'));
    matching.set(pattern, arbitrary);
  }
  return arbitrary;
}

const within =
  (schema: JsonSchema) =>
  (value: string): boolean =>
    [...value].length >= (schema.minLength ?? 0) &&
    [...value].length <= (schema.maxLength ?? Infinity);

function stringOf(schema: JsonSchema, context: SchemaArbitraryContext): fc.Arbitrary<string> {
  const textKind = schema['x-hirestream-text'];
  if (textKind !== undefined) return text(textKind === 'multi-line').filter(within(schema));
  const idLike = schema.format === 'uuid' || schema['x-hirestream-rule'] === 'actorId';
  let generated: fc.Arbitrary<string>;
  switch (schema.format) {
    case 'uuid':
      generated = fc.uuid();
      break;
    case 'date-time':
      generated =
        context.knownInstants.length === 0
          ? instant
          : fc.oneof(
              { arbitrary: instant, weight: 1 },
              { arbitrary: fc.constantFrom(...context.knownInstants), weight: 1 },
            );
      break;
    case 'time-zone':
      generated = fc.constantFrom(...ZONES);
      break;
    case 'email':
      generated = fc.oneof(
        fc.constantFrom('ada@example.org', 'grace.hopper+jobs@example.co.uk'),
        fc.emailAddress().filter(within(schema)),
      );
      break;
    case 'uri':
      generated = fc.webUrl({ validSchemes: ['https'] }).filter(within(schema));
      break;
    default:
      generated =
        schema.pattern === undefined
          ? fc.string({
              minLength: schema.minLength,
              maxLength: Math.min(schema.maxLength ?? 30, 30),
            })
          : stringMatching(schema.pattern).filter(within(schema));
  }
  if (!idLike) return generated;
  // Each collection as likely as another, with only the ids that fit the field.
  const fits = requests.checkOf(schema as unknown as TSchema);
  const known = [...context.knownIds.values()]
    .map((ids) => ids.filter((id) => fits(id).length === 0))
    .filter((ids) => ids.length > 0)
    .map((ids) => ({ arbitrary: fc.constantFrom(...ids), weight: 2 }));
  return fc.oneof({ arbitrary: generated, weight: known.length === 0 ? 1 : 2 }, ...known);
}

/** Objects naming a span keep it short and in order half of the time, as real requests do. */
const SPANS: ReadonlyArray<readonly [string, string]> = [
  ['startsAt', 'endsAt'],
  ['from', 'to'],
];

function withSpansInOrder(
  record: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(record, fc.boolean(), fc.integer({ min: 1, max: 16 }))
    .map(([value, inOrder, quarters]) => {
      if (!inOrder) return value;
      const ordered = { ...value };
      for (const [start, end] of SPANS) {
        const begins = ordered[start];
        if (typeof begins !== 'string' || !(end in ordered) || Number.isNaN(Date.parse(begins))) {
          continue;
        }
        ordered[end] = new Date(Date.parse(begins) + quarters * 15 * MINUTE_MS)
          .toISOString()
          .replace('.000Z', 'Z');
      }
      return ordered;
    });
}

/**
 * Values for `schema`, meant to be valid (object shapes, required fields,
 * enums, formats, patterns, lengths and ranges); the request validator, not
 * this generator, is the judge of whether each one is.
 */
export function arbitraryOf(
  schema: JsonSchema,
  context: SchemaArbitraryContext,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) {
    return fc.oneof(...alternatives.map((alternative) => arbitraryOf(alternative, context)));
  }
  if (Array.isArray(schema.type)) {
    return fc.oneof(
      ...schema.type.map((type: string) => arbitraryOf({ ...schema, type }, context)),
    );
  }
  switch (schema.type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const record = fc.record(
        Object.fromEntries(
          properties.map(([name, property]) => [name, arbitraryOf(property, context)]),
        ),
        { requiredKeys: [...(schema.required ?? [])] },
      );
      return withSpansInOrder(record);
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 4, minLength + 3);
      const items = arbitraryOf(schema.items ?? {}, context);
      return schema.uniqueItems === true
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) })
        : fc.array(items, { minLength, maxLength });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -10, max: schema.maximum ?? 1_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string':
      return stringOf(schema, context);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value `schema` accepts, the same on every call; undefined when none of the first tries is. */
export function validSample(schema: JsonSchema): unknown {
  const check = requests.checkOf(schema as unknown as TSchema);
  return fc
    .sample(arbitraryOf(schema, NOTHING_KNOWN), { seed: 1, numRuns: 200 })
    .find((value) => check(structuredClone(value)).length === 0);
}
