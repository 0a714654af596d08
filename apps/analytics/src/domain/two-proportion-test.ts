import { twoSidedNormalPValue } from './normal-distribution';
import { assertSelectionCounts, type SelectionCounts } from './selection-counts';

/*
 * The pooled two-proportion z-test of two groups' selection rates: under the hypothesis that
 * both share one rate, it is estimated from both groups together, and
 * z = (rate A − rate B) / √(pooled · (1 − pooled) · (1/considered A + 1/considered B))
 * is compared with the standard normal, two-sided. It is an approximation, trusted only when
 * every cell of the 2×2 table is expected to hold at least MINIMUM_EXPECTED_COUNT people
 * (Cochran's rule); smaller tables go to Fisher's exact test.
 */

export const MINIMUM_EXPECTED_COUNT = 5;

export type TwoProportionZTest = Readonly<{ z: number; pValue: number }>;

/**
 * Whether each of the four expected counts (group total × column total / grand total) is at least
 * MINIMUM_EXPECTED_COUNT; the smallest is the smaller group times the smaller column.
 */
export function twoProportionTestApplies(a: SelectionCounts, b: SelectionCounts): boolean {
  assertSelectionCounts(a, 'group A');
  assertSelectionCounts(b, 'group B');
  const considered = a.considered + b.considered;
  const selected = a.selected + b.selected;
  const smallestExpectedTimesTotal =
    Math.min(a.considered, b.considered) * Math.min(selected, considered - selected);
  return considered > 0 && smallestExpectedTimesTotal >= MINIMUM_EXPECTED_COUNT * considered;
}

export function twoProportionZTest(a: SelectionCounts, b: SelectionCounts): TwoProportionZTest {
  assertSelectionCounts(a, 'group A');
  assertSelectionCounts(b, 'group B');
  if (a.considered === 0 || b.considered === 0) {
    throw new RangeError('twoProportionZTest: each group needs at least one candidate considered');
  }
  const pooled = (a.selected + b.selected) / (a.considered + b.considered);
  const variance = pooled * (1 - pooled) * (1 / a.considered + 1 / b.considered);
  // Nobody or everybody selected: both rates are equal and there is no difference to test.
  if (variance === 0) return { z: 0, pValue: 1 };
  const z = (a.selected / a.considered - b.selected / b.considered) / Math.sqrt(variance);
  return { z, pValue: twoSidedNormalPValue(z) };
}
