/*
 * Percentiles of durations with PostgreSQL's percentile_cont semantics, so that a measure
 * computed here and one computed in SQL (`percentile_cont(0.9) WITHIN GROUP (ORDER BY …)`) agree:
 * sort ascending, take the position fraction · (count − 1), and interpolate linearly between the
 * values on either side of it, as lower + (position − ⌊position⌋) · (upper − lower).
 * An empty list has no percentile (SQL's NULL).
 */

export function percentileCont(values: readonly number[], fraction: number): number | undefined {
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`percentile: fraction must be between 0 and 1, got ${fraction}`);
  }
  for (const value of values) {
    if (!Number.isFinite(value)) {
      throw new RangeError(`percentile: values must be finite numbers, got ${value}`);
    }
  }
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lowerRow = Math.floor(position);
  const upperRow = Math.ceil(position);
  const lower = sorted[lowerRow];
  if (lowerRow === upperRow) return lower;
  return lower + (position - lowerRow) * (sorted[upperRow] - lower);
}

export function median(values: readonly number[]): number | undefined {
  return percentileCont(values, 0.5);
}

export function p90(values: readonly number[]): number | undefined {
  return percentileCont(values, 0.9);
}
