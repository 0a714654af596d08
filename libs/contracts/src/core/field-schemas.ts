import {
  Type,
  type NumberOptions,
  type ObjectOptions,
  type SchemaOptions,
  type Static,
  type StringOptions,
  type TSchema,
  type TInteger,
  type TString,
  type TUnsafe,
} from '@sinclair/typebox';
import { ISO_4217_CURRENCIES, type CurrencyCode } from './currencies';
import { MULTI_LINE_TEXT_PATTERN, SINGLE_LINE_TEXT_PATTERN, TEXT_KEYWORD } from './text-rules';

/*
 * The field rules every request and event schema is built from, so that an
 * API accepts exactly what its events may carry. Each rule names itself in
 * `x-hirestream-rule` so a refusal can say which rule, in words.
 */

/** The schema property naming a field's rule (used for the `rule` of a 400's field problem). */
export const RULE_KEYWORD = 'x-hirestream-rule';

/** What a refusal of a rule says, by rule name. */
export const RULE_MESSAGES: Readonly<Record<string, string>> = {
  text: 'must be text: no control or invisible formatting characters, not blank',
  identifier: 'must be an identifier: a letter or digit, then letters, digits, . _ : -',
  actorId: 'must be an id of at most 100 characters without spaces or control characters',
  instant: 'must be a real UTC instant between 2000 and 2099, as 2030-03-04T09:00:00Z',
  timeZone: 'must be an IANA time zone name such as Europe/London',
  phone: 'must be a phone number (digits, spaces, ( ) . - and a leading +)',
  wallClock: 'must be a 24-hour time of day, HH:MM',
  url: 'must be an http or https URL',
  uuid: 'must be a UUID in lower case, as 0f8fad5b-d9cb-469f-a165-70867728950e',
  sha256: 'must be a SHA-256 digest: 64 lower-case hexadecimal digits',
  currency: 'must be an ISO 4217 currency code in capitals, as EUR',
  minorUnits: 'must be a whole number of minor units (cents for EUR), 0 to 10^13',
  date: 'must be a real calendar date between 2000 and 2099, as 2030-03-04',
};

function ruled<T extends TSchema>(rule: string, schema: T): T {
  return { ...schema, [RULE_KEYWORD]: rule };
}

/** One line of a person's text, 1 to `maxLength` code points. */
export function singleLineText(maxLength: number, options: StringOptions = {}): TString {
  return ruled(
    'text',
    Type.String({
      minLength: 1,
      maxLength,
      pattern: SINGLE_LINE_TEXT_PATTERN,
      [TEXT_KEYWORD]: 'single-line',
      ...options,
    }),
  );
}

/** A person's text over several lines (notes, feedback), 1 to `maxLength` code points. */
export function multiLineText(maxLength: number, options: StringOptions = {}): TString {
  return ruled(
    'text',
    Type.String({
      minLength: 1,
      maxLength,
      pattern: MULTI_LINE_TEXT_PATTERN,
      [TEXT_KEYWORD]: 'multi-line',
      ...options,
    }),
  );
}

/** A name for something in another system (a job opening): letters, digits, `. _ : -`. */
export function identifier(options: StringOptions = {}): TString {
  return ruled(
    'identifier',
    Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$',
      ...options,
    }),
  );
}

/**
 * Who acted, as the identity provider names them (a token's `sub`): interviewers,
 * recruiters, approvers. Anything printable without spaces, as identity providers
 * write `auth0|42`, e-mail addresses or UUIDs.
 */
export function actorId(options: StringOptions = {}): TString {
  return ruled(
    'actorId',
    Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\p{C}\\p{Z}\\s]+$', ...options }),
  );
}

export function uuid(options: StringOptions = {}): TString {
  // Lower case only: one id has one spelling, so comparing ids compares strings.
  return ruled(
    'uuid',
    Type.String({
      format: 'uuid',
      pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
      maxLength: 36,
      ...options,
    }),
  );
}

/** A SHA-256 digest of some content, in lower-case hexadecimal. */
export function sha256Digest(options: StringOptions = {}): TString {
  return ruled('sha256', Type.String({ pattern: '^[0-9a-f]{64}$', ...options }));
}

/** An e-mail address as RFC 5321 allows it, ASCII only. */
export function emailAddress(options: StringOptions = {}): TString {
  return Type.String({ format: 'email', maxLength: 254, ...options });
}

export function phoneNumber(options: StringOptions = {}): TString {
  return ruled('phone', Type.String({ pattern: '^\\+?[0-9][0-9 ().-]{3,38}$', ...options }));
}

/**
 * A UTC instant with seconds (`2030-03-04T09:00:00Z`), a real calendar date and
 * time (no Feb 30, no 24:00), between 2000 and 2099. UTC only: an offset would
 * let one instant be written two ways.
 */
export function utcInstant(options: StringOptions = {}): TString {
  return ruled(
    'instant',
    Type.String({
      format: 'date-time',
      pattern: '^20\\d{2}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$',
      ...options,
    }),
  );
}

/** A calendar date without a time or zone (`2030-03-04`): a start date. */
export function calendarDate(options: StringOptions = {}): TString {
  return ruled(
    'date',
    Type.String({
      format: 'date',
      pattern: '^20\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
      ...options,
    }),
  );
}

/** An ISO 4217 currency code (`EUR`), one of those in use. */
export function currencyCode(options: SchemaOptions = {}): TUnsafe<CurrencyCode> {
  return ruled('currency', oneOf(ISO_4217_CURRENCIES, options));
}

/**
 * An amount in whole minor units of its currency (cents for EUR, yen for JPY):
 * money is never a float. At most 10^13, which any salary or bonus stays far below.
 */
export function minorUnits(options: NumberOptions = {}): TInteger {
  return ruled('minorUnits', Type.Integer({ minimum: 0, maximum: 10_000_000_000_000, ...options }));
}

/** An amount of money: integer minor units and the ISO 4217 currency they are of. */
export function money(options: ObjectOptions = {}) {
  return Type.Object(
    { amountMinor: minorUnits(), currency: currencyCode() },
    { additionalProperties: false, ...options },
  );
}

/** An IANA time zone this runtime knows (`Europe/London`). */
export function timeZoneName(options: StringOptions = {}): TString {
  return ruled('timeZone', Type.String({ format: 'time-zone', maxLength: 64, ...options }));
}

/** A local time of day, `HH:MM`, 24-hour. */
export function wallClockTime(options: StringOptions = {}): TString {
  return ruled('wallClock', Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', ...options }));
}

export function httpUrl(options: StringOptions = {}): TString {
  return ruled(
    'url',
    Type.String({ format: 'uri', pattern: '^https?://[^\\s]+$', maxLength: 2_000, ...options }),
  );
}

/** One of a fixed list of names. */
export function oneOf<const V extends readonly (string | number)[]>(
  values: V,
  options: SchemaOptions = {},
): TUnsafe<V[number]> {
  const type = values.every((value) => typeof value === 'number') ? 'integer' : 'string';
  return Type.Unsafe<V[number]>({ type, enum: [...values], ...options });
}

/** The schema, or null. Written as a type list rather than `anyOf`, so a refusal names one rule. */
export function nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const type = schema.type as string | undefined;
  if (type === undefined) throw new Error('nullable() needs a schema with a single type');
  const values = schema.enum as readonly unknown[] | undefined;
  return Type.Unsafe<Static<T> | null>({
    ...schema,
    type: [type, 'null'],
    ...(values === undefined ? {} : { enum: [...values, null] }),
  });
}
