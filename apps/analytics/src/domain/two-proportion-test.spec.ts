import { twoProportionTestApplies, twoProportionZTest } from './two-proportion-test';

const group = (considered: number, selected: number) => ({ considered, selected });

// Expected values by hand (pooled rate, standard error, z) and the tail from mpmath at 30 digits.
describe('pooled two-proportion z-test', () => {
  it('given 30 of 50 against 20 of 50, when tested, then z = 2 and p = 0.0455002638963584', () => {
    // pooled = 50/100 = 0.5; se = √(0.5 · 0.5 · (1/50 + 1/50)) = √0.01 = 0.1; z = 0.2/0.1 = 2.
    const { z, pValue } = twoProportionZTest(group(50, 30), group(50, 20));
    expect(z).toBeCloseTo(2, 12);
    expect(pValue).toBeCloseTo(0.0455002638963584, 14);
  });

  it('given 60 of 100 against 30 of 100, when tested, then z = 4.264 and p = 2.0079e-5', () => {
    // pooled = 90/200 = 0.45; se = √(0.45 · 0.55 · 0.02) = √0.00495 = 0.070356; z = 0.3/se.
    const { z, pValue } = twoProportionZTest(group(100, 60), group(100, 30));
    expect(z).toBeCloseTo(4.264014327112209, 12);
    expect(Math.abs(pValue - 2.0078656124264847e-5) / 2.0078656124264847e-5).toBeLessThan(1e-12);
  });

  it('given the lower group first, when tested, then z changes sign and p does not', () => {
    const { z, pValue } = twoProportionZTest(group(50, 20), group(50, 30));
    expect(z).toBeCloseTo(-2, 12);
    expect(pValue).toBeCloseTo(0.0455002638963584, 14);
  });

  it.each([
    ['nobody', group(40, 0), group(60, 0)],
    ['everybody', group(40, 40), group(60, 60)],
  ])('given %s selected, when tested, then z = 0 and p = 1', (_case, a, b) => {
    expect(twoProportionZTest(a, b)).toEqual({ z: 0, pValue: 1 });
  });

  it('given an empty group, when tested, then it is refused', () => {
    expect(() => twoProportionZTest(group(0, 0), group(10, 5))).toThrow(
      'twoProportionZTest: each group needs at least one candidate considered',
    );
  });
});

describe('when the two-proportion test applies', () => {
  it('given every expected cell ≥ 5 (60 of 100 against 30 of 100: 45, 55, 45, 55), then it applies', () => {
    expect(twoProportionTestApplies(group(100, 60), group(100, 30))).toBe(true);
  });

  it('given an expected cell of exactly 5 (10 and 10 considered, 10 selected), then it applies', () => {
    expect(twoProportionTestApplies(group(10, 7), group(10, 3))).toBe(true);
  });

  it('given an expected cell under 5 (6 of 10 against 3 of 10: 4.5 selected expected), then it does not', () => {
    expect(twoProportionTestApplies(group(10, 6), group(10, 3))).toBe(false);
  });

  it('given a small group beside a large one (2 of 4 against 500 of 1000), then it does not', () => {
    // Expected selected in the small group: 4 · 502/1004 = 2.
    expect(twoProportionTestApplies(group(4, 2), group(1000, 500))).toBe(false);
  });

  it('given nobody considered, then it does not', () => {
    expect(twoProportionTestApplies(group(0, 0), group(0, 0))).toBe(false);
  });
});
