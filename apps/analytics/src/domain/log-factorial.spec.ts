import { logChoose, logFactorial } from './log-factorial';

describe('log-factorial', () => {
  it('given small n, when computed, then it is ln of the exact factorial', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 13);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3_628_800), 12);
  });

  // Reference values: mpmath's log(factorial(n)) at 40 digits.
  it.each([
    [255, 1161.7121011184006],
    [256, 1167.2572785628802],
    [1000, 5912.128178488163],
    [1_000_000, 12815518.384658169],
  ])('given n = %p, on either side of the table, when computed, then ln n! = %p', (n, expected) => {
    expect(Math.abs(logFactorial(n) - expected) / expected).toBeLessThan(1e-15);
  });

  it('given 52 cards, when choosing 5, then there are 2,598,960 hands', () => {
    expect(Math.exp(logChoose(52, 5))).toBeCloseTo(2_598_960, 4);
  });

  it('given a negative or fractional n, when computed, then it is refused', () => {
    expect(() => logFactorial(-1)).toThrow(RangeError);
    expect(() => logFactorial(1.5)).toThrow(RangeError);
  });
});
