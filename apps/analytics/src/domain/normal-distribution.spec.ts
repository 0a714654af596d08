import { erfc, twoSidedNormalPValue } from './normal-distribution';

// Reference values: mpmath.erfc and the normal quantiles √2·erfinv(1 − p) at 30 significant
// digits, written as the nearest doubles; they agree with Abramowitz & Stegun Table 7.1 to the
// digits it prints.
const closeTo = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-13);

describe('erfc', () => {
  it.each([
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [3, 2.209049699858544e-5],
    [5, 1.537459794428035e-12],
    [10, 2.088487583762545e-45],
    [26, 5.663192408856143e-296],
  ])('given x = %p, when computed, then erfc(x) = %p to 13 digits', (x, expected) => {
    closeTo(erfc(x), expected);
  });

  it('given a negative x, when computed, then erfc(−x) = 2 − erfc(x)', () => {
    closeTo(erfc(-1), 2 - 0.15729920705028513);
  });

  it('given an x past the smallest double, when computed, then the tail is 0', () => {
    expect(erfc(40)).toBe(0);
  });

  it('given NaN, when computed, then it is refused', () => {
    expect(() => erfc(Number.NaN)).toThrow(RangeError);
  });
});

describe('two-sided normal p-value', () => {
  it.each([
    [1.9599639845400543, 0.05],
    [2.575829303548901, 0.01],
    [3.290526731491895, 0.001],
  ])('given the standard normal quantile z = %p, when tested, then p = %p', (z, p) => {
    expect(twoSidedNormalPValue(z)).toBeCloseTo(p, 14);
    expect(twoSidedNormalPValue(-z)).toBeCloseTo(p, 14);
  });

  it('given z = 0, when tested, then p = 1', () => {
    expect(twoSidedNormalPValue(0)).toBe(1);
  });

  it('given an infinite z, when tested, then p = 0', () => {
    expect(twoSidedNormalPValue(Number.POSITIVE_INFINITY)).toBe(0);
  });
});
