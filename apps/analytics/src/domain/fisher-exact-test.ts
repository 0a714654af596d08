import { logChoose } from './log-factorial';
import { assertSelectionCounts, type SelectionCounts } from './selection-counts';

/*
 * Two-sided Fisher's exact test of the 2×2 table selected / not selected × group A / group B.
 * With every margin fixed, the number selected in A is hypergeometric; the p-value is the
 * probability of every table as likely as the observed one or less (R's fisher.test). Tables
 * within a relative 1e-7 of the observed probability count as equally likely, as in R, so that
 * rounding cannot drop a table tied with the observed one.
 */

const RELATIVE_TOLERANCE = 1 + 1e-7;

export function fisherExactPValue(a: SelectionCounts, b: SelectionCounts): number {
  assertSelectionCounts(a, 'group A');
  assertSelectionCounts(b, 'group B');
  const selected = a.selected + b.selected;
  const fewestInA = Math.max(0, selected - b.considered);
  const mostInA = Math.min(selected, a.considered);

  const logWeights = new Float64Array(mostInA - fewestInA + 1);
  let largest = Number.NEGATIVE_INFINITY;
  for (let inA = fewestInA; inA <= mostInA; inA += 1) {
    const logWeight = logChoose(a.considered, inA) + logChoose(b.considered, selected - inA);
    logWeights[inA - fewestInA] = logWeight;
    largest = Math.max(largest, logWeight);
  }

  // Scaled by the likeliest table and divided by their sum, as R does, so that the constant
  // ln C(N, k) never has to be subtracted from numbers of the same size.
  const observed = Math.exp(logWeights[a.selected - fewestInA] - largest);
  let total = 0;
  let asLikelyOrLess = 0;
  for (const logWeight of logWeights) {
    const weight = Math.exp(logWeight - largest);
    total += weight;
    if (weight <= observed * RELATIVE_TOLERANCE) asLikelyOrLess += weight;
  }
  return Math.min(1, asLikelyOrLess / total);
}
