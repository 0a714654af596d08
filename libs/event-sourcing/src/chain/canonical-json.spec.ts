import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('sorts keys that look like numbers as text, as a JSON round trip cannot reorder them', () => {
    expect(canonicalJson({ 10: 'ten', 9: 'nine', a: 'a' })).toBe('{"10":"ten","9":"nine","a":"a"}');
  });

  it('writes a value as it reads back once stored as JSON', () => {
    const written = {
      dropped: undefined,
      at: new Date('2026-01-02T03:04:05.000Z'),
      items: [undefined, Number.NaN, -0, 1e21, 'é\u2028"'],
      nested: { kept: 'yes', gone: () => 'function' },
    };
    const storedAndRead: unknown = JSON.parse(JSON.stringify(written));
    expect(canonicalJson(written)).toBe(canonicalJson(storedAndRead));
    expect(canonicalJson(written)).toBe(
      '{"at":"2026-01-02T03:04:05.000Z","items":[null,null,0,1e+21,"é\u2028\\""],"nested":{"kept":"yes"}}',
    );
  });

  it('writes every string as JSON.stringify does, escapes and all', () => {
    const strings = [
      'plain',
      'a "quote"',
      'back\\slash',
      'tab\tnew\nline\u0000',
      '\u007f\u2028',
      '😀 pair',
      'lone \ud83d',
    ];
    for (const text of strings) {
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
      expect(canonicalJson({ [text]: text })).toBe(JSON.stringify({ [text]: text }));
    }
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ revision: 1n })).toThrow(/decimal string/);
    expect(() => canonicalJson(undefined)).toThrow(/no canonical form/);
  });
});
