import { testSelectionRates } from './selection-rate-test';

const group = (considered: number, selected: number) => ({ considered, selected });

describe('selection rate test', () => {
  it('given counts large enough (60 of 100 against 30 of 100), when compared, then the two-proportion z-test is used', () => {
    const test = testSelectionRates(group(100, 60), group(100, 30));
    expect(test).toEqual({
      method: 'two-proportion-z-test',
      z: expect.closeTo(4.264014327112209, 12),
      pValue: expect.closeTo(2.0078656124264847e-5, 15),
    });
  });

  it("given small counts (3 of 4 against 1 of 4), when compared, then Fisher's exact test is used", () => {
    // The tea-tasting table: p = 34/70 (see the Fisher spec).
    expect(testSelectionRates(group(4, 3), group(4, 1))).toEqual({
      method: 'fisher-exact-test',
      pValue: expect.closeTo(34 / 70, 12),
    });
  });
});
