import { Type } from '@sinclair/typebox';
import {
  actorId,
  emailAddress,
  identifier,
  multiLineText,
  singleLineText,
  utcInstant,
} from './field-schemas';
import { SchemaValidator } from './schema-validator';

const requests = new SchemaValidator({ text: 'normalize' });
const events = new SchemaValidator({ text: 'check' });

const field = Type.Object(
  {
    name: Type.Optional(singleLineText(20)),
    notes: Type.Optional(multiLineText(2_000)),
    email: Type.Optional(emailAddress()),
    job: Type.Optional(identifier()),
    actor: Type.Optional(actorId()),
    at: Type.Optional(utcInstant()),
  },
  { additionalProperties: false },
);

/** The rules a value breaks as a request field (after normalizing) and as an event field. */
function rulesBroken(name: string, value: unknown): { request: string[]; event: string[] } {
  const rules = (validator: SchemaValidator) =>
    validator.problems(field, { [name]: value }).map((problem) => problem.rule);
  return { request: rules(requests), event: rules(events) };
}

describe('field rules, the same for requests and events', () => {
  it.each([
    ['a plain name', 'Ada Lovelace'],
    ['letters with accents', 'Zoë Ó Súilleabháin'],
    ['another script', '山田 太郎'],
    ['an emoji with a variation selector', 'Ada ❤️'],
  ])('accepts %s as text', (_case, value) => {
    expect(rulesBroken('name', value)).toEqual({ request: [], event: [] });
  });

  it.each([
    ['only spaces', '   '],
    ['only zero-width spaces', '\u200B\u200B'],
    ['a right-to-left override', 'Ada\u202Eecalevol'],
    ['a control character', 'Ada\u0000'],
    ['a line break in one-line text', 'Ada\nLovelace'],
    ['a lone surrogate', 'Ada \uD800'],
    ['only a combining mark', '\u0301'],
    ['a byte-order mark inside', 'Ada\uFEFFLovelace'],
  ])('refuses %s', (_case, value) => {
    const { request, event } = rulesBroken('name', value);
    expect(request).toContain('text');
    expect(event).toContain('text');
  });

  it('counts length in code points on both sides, variation selectors included', () => {
    const padded = 'a\uFE0F'.repeat(1_500);
    expect(rulesBroken('notes', padded)).toEqual({ request: ['maxLength'], event: ['maxLength'] });
    expect(rulesBroken('notes', 'a\uFE0F'.repeat(1_000))).toEqual({ request: [], event: [] });
  });

  it('stores text trimmed and composed: a request is normalized, an event must already be', () => {
    const decomposed = { name: '  Zoe\u0308  ' };
    expect(requests.problems(field, decomposed)).toEqual([]);
    expect(decomposed.name).toBe('Zoë');
    expect(events.problems(field, { name: '  Zoë' }).map((p) => p.rule)).toEqual(['text']);
    expect(events.problems(field, { name: 'Zoe\u0308' }).map((p) => p.rule)).toEqual(['text']);
  });

  it('lets multi-line text keep its line breaks and tabs', () => {
    expect(rulesBroken('notes', 'first line\n\tsecond line')).toEqual({ request: [], event: [] });
  });

  it('accepts ASCII e-mail addresses only, and never throws on odd input', () => {
    expect(rulesBroken('email', 'ada@example.org')).toEqual({ request: [], event: [] });
    expect(rulesBroken('email', 'ädä@exämple.org').request).toEqual(['format']);
    expect(rulesBroken('email', 'ada\uD800@example.org').request).toEqual(['format']);
  });

  it('tells identifiers (job ids) from actor ids (whatever the identity provider calls a person)', () => {
    expect(rulesBroken('job', 'job-7:backend').request).toEqual([]);
    expect(rulesBroken('job', 'job 7').request).toEqual(['identifier']);
    expect(rulesBroken('actor', 'auth0|5f7c8e').request).toEqual([]);
    expect(rulesBroken('actor', 'ada@example.org').request).toEqual([]);
    expect(rulesBroken('actor', 'ada lovelace').request).toEqual(['actorId']);
    expect(rulesBroken('actor', 'x'.repeat(101)).request).toEqual(['maxLength']);
  });

  it('accepts instants as real UTC dates and times with seconds', () => {
    expect(rulesBroken('at', '2030-03-04T09:00:00Z').request).toEqual([]);
    expect(rulesBroken('at', '2030-03-04T09:00:00.250Z').request).toEqual([]);
    for (const wrong of ['2030-02-30T09:00:00Z', '2030-13-01T09:00:00Z', '2030-03-04T24:00:00Z']) {
      expect(rulesBroken('at', wrong).request).toEqual(['instant']);
    }
  });
});
