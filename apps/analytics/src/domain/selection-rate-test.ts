import { fisherExactPValue } from './fisher-exact-test';
import { twoProportionTestApplies, twoProportionZTest } from './two-proportion-test';
import type { SelectionCounts } from './selection-counts';

/** Which test compared two groups' selection rates, and its two-sided p-value. */
export type SelectionRateTest =
  | Readonly<{ method: 'two-proportion-z-test'; z: number; pValue: number }>
  | Readonly<{ method: 'fisher-exact-test'; pValue: number }>;

/**
 * The two-proportion z-test where every expected cell holds at least 5 people, Fisher's exact
 * test otherwise (where the normal approximation would be unreliable).
 */
export function testSelectionRates(a: SelectionCounts, b: SelectionCounts): SelectionRateTest {
  if (twoProportionTestApplies(a, b)) {
    return { method: 'two-proportion-z-test', ...twoProportionZTest(a, b) };
  }
  return { method: 'fisher-exact-test', pValue: fisherExactPValue(a, b) };
}
