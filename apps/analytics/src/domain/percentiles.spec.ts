import { median, p90, percentileCont } from './percentiles';

// Expected values by hand; each list was also run once through PostgreSQL 18's
// percentile_cont(…) WITHIN GROUP (ORDER BY v) over float8, which gave the same doubles.
describe('percentiles (percentile_cont)', () => {
  it('given an even count [4, 1, 3, 2], when the median is taken, then it interpolates between the middle two: 2.5', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('given an odd count [5, 1, 4, 2, 3], when the median is taken, then it is the middle value: 3', () => {
    expect(median([5, 1, 4, 2, 3])).toBe(3);
  });

  it('given [1, 2, 3, 4], when p90 is taken, then the position is 0.9 · 3 = 2.7: 3 + 0.7 · (4 − 3) = 3.7', () => {
    expect(p90([1, 2, 3, 4])).toBe(3.7);
  });

  it('given durations in ms (1 h, 2 h, 1 day), when p90 is taken, then position 1.8: 2 h + 0.8 · 22 h = 19 h 36 min', () => {
    const hour = 3_600_000;
    expect(p90([hour, 2 * hour, 24 * hour])).toBe(19.6 * hour);
  });

  it('given one value, when any percentile is taken, then it is that value', () => {
    expect(median([10])).toBe(10);
    expect(p90([10])).toBe(10);
  });

  it('given the fractions 0 and 1, when taken, then they are the least and the greatest value', () => {
    expect(percentileCont([3, 9, 1], 0)).toBe(1);
    expect(percentileCont([3, 9, 1], 1)).toBe(9);
  });

  it('given an empty list, when a percentile is taken, then there is none', () => {
    expect(median([])).toBeUndefined();
    expect(p90([])).toBeUndefined();
  });

  it('given a list, when a percentile is taken, then the list is left unsorted', () => {
    const durations = [3, 1, 2];
    median(durations);
    expect(durations).toEqual([3, 1, 2]);
  });

  it.each([
    [[1, 2], 1.5, 'percentile: fraction must be between 0 and 1, got 1.5'],
    [[1, 2], Number.NaN, 'percentile: fraction must be between 0 and 1, got NaN'],
    [[1, Number.NaN], 0.5, 'percentile: values must be finite numbers, got NaN'],
    [[1, Number.POSITIVE_INFINITY], 0.5, 'percentile: values must be finite numbers, got Infinity'],
  ])(
    'given %p and fraction %p, when taken, then it is refused: %s',
    (values, fraction, message) => {
      expect(() => percentileCont(values, fraction)).toThrow(new RangeError(message));
    },
  );
});
