import { faithfulJson } from './faithful-json';

describe('faithfulJson', () => {
  it('writes what JSON cannot as tagged values, and plain JSON as it is', () => {
    const state = {
      revision: 12n,
      at: new Date('2030-05-06T09:00:00.000Z'),
      panel: new Set(['grace', 'alan']),
      slots: new Map([['i-1', { start: 1, end: Number.POSITIVE_INFINITY }]]),
      byRound: new Map([[1, 'phone']]),
      note: null,
      gone: undefined,
      list: [1, undefined, 'x'],
      ok: true,
    };
    expect(faithfulJson(state)).toEqual({
      revision: { $bigint: '12' },
      at: { $date: '2030-05-06T09:00:00.000Z' },
      panel: { $set: ['grace', 'alan'] },
      slots: { $map: { 'i-1': { start: 1, end: { $number: 'Infinity' } } } },
      byRound: { $mapEntries: [[1, 'phone']] },
      note: null,
      list: [1, null, 'x'],
      ok: true,
    });
  });

  it('keeps keys that look like tags apart from tags, and __proto__ as data', () => {
    const rendered = faithfulJson(JSON.parse('{"$bigint":"1","__proto__":{"polluted":true}}'));
    expect(JSON.stringify(rendered)).toBe('{"$$bigint":"1","__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses what is not state: a function, a cycle', () => {
    expect(() => faithfulJson({ run: () => 1 })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => faithfulJson(cycle)).toThrow('contains itself');
    const shared = { a: 1 };
    expect(faithfulJson([shared, shared])).toEqual([{ a: 1 }, { a: 1 }]);
  });
});
