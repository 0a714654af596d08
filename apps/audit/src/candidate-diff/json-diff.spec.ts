import { jsonDiff } from './json-diff';

describe('jsonDiff', () => {
  it('names what was added, removed and changed by JSON Pointer', () => {
    const before = {
      candidate: { stage: 'screening', notes: ['a', 'b'], 'a/b~c': 1, gone: true },
      interviews: { $map: {} },
    };
    const after = {
      candidate: { stage: 'interviewing', notes: ['a'], 'a/b~c': 2, hired: null },
      interviews: { $map: { 'i-1': { status: 'scheduled' } } },
    };
    expect(jsonDiff(before, after)).toEqual({
      added: [
        { path: '/candidate/hired', value: null },
        { path: '/interviews/$map/i-1', value: { status: 'scheduled' } },
      ],
      removed: [
        { path: '/candidate/notes/1', value: 'b' },
        { path: '/candidate/gone', value: true },
      ],
      changed: [
        { path: '/candidate/stage', from: 'screening', to: 'interviewing' },
        { path: '/candidate/a~1b~0c', from: 1, to: 2 },
      ],
    });
  });

  it('sees a change of kind as a change, and nothing between equal values', () => {
    expect(jsonDiff({ a: [1] }, { a: { 0: 1 } }).changed).toEqual([
      { path: '/a', from: [1], to: { 0: 1 } },
    ]);
    expect(jsonDiff(null, 0).changed).toEqual([{ path: '', from: null, to: 0 }]);
    expect(jsonDiff({ a: [{ b: 1 }] }, { a: [{ b: 1 }] })).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });
});
