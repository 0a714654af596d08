import { assertSelectionCounts } from './selection-counts';

describe('selection counts', () => {
  it('given whole counts with selected ≤ considered, when checked, then they pass', () => {
    expect(() => assertSelectionCounts({ considered: 0, selected: 0 }, 'women')).not.toThrow();
    expect(() => assertSelectionCounts({ considered: 7, selected: 7 }, 'women')).not.toThrow();
  });

  it.each([
    [{ considered: -1, selected: 0 }, 'women: considered must be a whole number ≥ 0, got -1'],
    [{ considered: 2.5, selected: 0 }, 'women: considered must be a whole number ≥ 0, got 2.5'],
    [
      { considered: 3, selected: Number.NaN },
      'women: selected must be a whole number ≥ 0, got NaN',
    ],
    [{ considered: 3, selected: 4 }, 'women: selected (4) cannot exceed considered (3)'],
  ])('given %j, when checked, then it is refused with a clear message', (counts, message) => {
    expect(() => assertSelectionCounts(counts, 'women')).toThrow(new RangeError(message));
  });
});
