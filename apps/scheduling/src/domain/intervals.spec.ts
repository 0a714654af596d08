import {
  intersectIntervals,
  mergeIntervals,
  overlaps,
  subtractIntervals,
  type Interval,
} from './intervals';

const i = (start: number, end: number): Interval => ({ start, end });

describe('intervals', () => {
  it('does not count touching intervals as overlapping', () => {
    expect(overlaps(i(0, 10), i(10, 20))).toBe(false);
    expect(overlaps(i(0, 10), i(9, 20))).toBe(true);
    expect(overlaps(i(0, 10), i(2, 3))).toBe(true);
  });

  it('merges unsorted, overlapping and touching intervals, dropping empty ones', () => {
    expect(mergeIntervals([i(20, 30), i(0, 10), i(10, 15), i(5, 8), i(40, 40)])).toEqual([
      i(0, 15),
      i(20, 30),
    ]);
  });

  it('intersects sorted lists', () => {
    expect(intersectIntervals([i(0, 10), i(20, 30)], [i(5, 25), i(28, 40)])).toEqual([
      i(5, 10),
      i(20, 25),
      i(28, 30),
    ]);
    expect(intersectIntervals([i(0, 10)], [i(10, 20)])).toEqual([]);
  });

  it('subtracts sorted lists', () => {
    expect(
      subtractIntervals([i(0, 100), i(200, 300)], [i(10, 20), i(30, 40), i(90, 210), i(250, 260)]),
    ).toEqual([i(0, 10), i(20, 30), i(40, 90), i(210, 250), i(260, 300)]);
    expect(subtractIntervals([i(0, 10)], [i(0, 10)])).toEqual([]);
    expect(subtractIntervals([i(0, 10)], [])).toEqual([i(0, 10)]);
  });
});
