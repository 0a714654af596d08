import { fisherExactPValue } from './fisher-exact-test';

const group = (considered: number, selected: number) => ({ considered, selected });
const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / expected;

// Where an expected value is a fraction, it is the exact sum of hypergeometric probabilities
// (computed in exact rational arithmetic, Python's fractions and math.comb), and it agrees with
// scipy.stats.fisher_exact 1.17 and, where named, with R's fisher.test.
describe("Fisher's exact test, two-sided", () => {
  it('given the tea-tasting table [[3,1],[1,3]], when tested, then p = 34/70 = 0.4857 (R docs, Agresti 2002 p. 91)', () => {
    // With 4 of 8 cups chosen, P(3 right) = C(4,3)·C(4,1)/C(8,4) = 16/70; the tables as likely
    // or less are 0, 1, 3 and 4 right: (1 + 16 + 16 + 1)/70.
    expect(relativeError(fisherExactPValue(group(4, 3), group(4, 1)), 34 / 70)).toBeLessThan(1e-12);
  });

  it("given Fisher's convictions of like-sex twins (R docs: 2 of 17 dizygotic, 10 of 13 monozygotic), when tested, then p = 3571/6653325 = 0.0005367", () => {
    const p = fisherExactPValue(group(17, 2), group(13, 10));
    expect(relativeError(p, 3571 / 6_653_325)).toBeLessThan(1e-10);
  });

  it("given Wikipedia's studying teenagers (1 of 12 men, 9 of 12 women), when tested, then p = 41/14858 = 0.002759", () => {
    expect(relativeError(fisherExactPValue(group(12, 1), group(12, 9)), 41 / 14_858)).toBeLessThan(
      1e-10,
    );
  });

  it('given 2 of 10 against 8 of 10, when tested, then p = 1063/46189 = 0.02301', () => {
    expect(
      relativeError(fisherExactPValue(group(10, 2), group(10, 8)), 1063 / 46_189),
    ).toBeLessThan(1e-10);
  });

  it('given a table tied with its mirror image (0 of 5 against 5 of 5), when tested, then both ends count: p = 2/252', () => {
    // Only x = 0 and x = 5 have probability 1/C(10,5) = 1/252; they are equal, so both count.
    expect(relativeError(fisherExactPValue(group(5, 0), group(5, 5)), 2 / 252)).toBeLessThan(1e-12);
  });

  it('given a tie that rounding breaks (0 of 2 against 5 of 8), when tested, then the tolerance keeps it: p = 4/9', () => {
    // P(0 of 2) = C(8,5)/C(10,5) = 56/252 and P(2 of 2) = C(8,3)/C(10,5) = 56/252 are equal,
    // but their log-factorial sums differ in the last bit; P(1 of 2) = 140/252 is likelier.
    expect(relativeError(fisherExactPValue(group(2, 0), group(8, 5)), 112 / 252)).toBeLessThan(
      1e-12,
    );
  });

  it('given large groups with few selected (3 of 5,000 against 180 of 100,000), when tested, then p = 0.0527787208899 (exact rational sum)', () => {
    const p = fisherExactPValue(group(5_000, 3), group(100_000, 180));
    expect(relativeError(p, 0.05277872088993419)).toBeLessThan(1e-9);
  });

  it('given the groups swapped, when tested, then the p-value is the same', () => {
    expect(fisherExactPValue(group(13, 10), group(17, 2))).toBeCloseTo(
      fisherExactPValue(group(17, 2), group(13, 10)),
      15,
    );
  });

  it.each([
    ['equal rates', group(10, 5), group(10, 5)],
    ['nobody selected', group(6, 0), group(9, 0)],
    ['everybody selected', group(6, 6), group(9, 9)],
    ['an empty group', group(0, 0), group(9, 4)],
  ])('given %s, when tested, then p = 1', (_case, a, b) => {
    expect(fisherExactPValue(a, b)).toBeCloseTo(1, 12);
  });

  it('given impossible counts, when tested, then they are refused with a clear message', () => {
    expect(() => fisherExactPValue(group(3, 4), group(5, 1))).toThrow(
      'group A: selected (4) cannot exceed considered (3)',
    );
  });
});
