/*
 * ln(n!) for whole n ≥ 0: summed exactly below TABLE_SIZE, above it Stirling's series
 * ln n! = n ln n − n + ½ ln(2πn) + 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷)
 * (Abramowitz & Stegun 6.1.41 for ln Γ(n), plus ln n), whose next term, 1/(1188n⁹), is below
 * 1e-24 there.
 */

const TABLE_SIZE = 256;

const TABLE: readonly number[] = (() => {
  const table = [0];
  for (let n = 1; n < TABLE_SIZE; n += 1) table.push(table[n - 1] + Math.log(n));
  return table;
})();

export function logFactorial(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`logFactorial: n must be a whole number ≥ 0, got ${n}`);
  }
  if (n < TABLE_SIZE) return TABLE[n];
  const inverse = 1 / n;
  const inverseSquare = inverse * inverse;
  const correction =
    inverse *
    (1 / 12 - inverseSquare * (1 / 360 - inverseSquare * (1 / 1260 - inverseSquare / 1680)));
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + correction;
}

/** ln of the binomial coefficient (n choose k), 0 ≤ k ≤ n. */
export function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}
