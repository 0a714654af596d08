/**
 * A half-open span of time [start, end) in epoch milliseconds, so an interview
 * ending at 10:00 and one starting at 10:00 do not overlap.
 */
export type Interval = Readonly<{ start: number; end: number }>;

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Interval, inner: Interval): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The interval of an event's `startsAt`/`endsAt` instants. */
export function intervalOf(times: Readonly<{ startsAt: string; endsAt: string }>): Interval {
  return { start: Date.parse(times.startsAt), end: Date.parse(times.endsAt) };
}

/** Sorted, disjoint intervals covering the same time; touching intervals join. */
export function mergeIntervals(intervals: Iterable<Interval>): Interval[] {
  const sorted = [...intervals].filter((i) => i.start < i.end).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && next.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, next.end) };
    } else {
      merged.push(next);
    }
  }
  return merged;
}

/** The time in both lists; both must be sorted and disjoint. Linear in their lengths. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const common: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (start < end) common.push({ start, end });
    if (a[i].end < b[j].end) i += 1;
    else j += 1;
  }
  return common;
}

/** The time in `from` that is not in `remove`; both must be sorted and disjoint. Linear. */
export function subtractIntervals(
  from: readonly Interval[],
  remove: readonly Interval[],
): Interval[] {
  const left: Interval[] = [];
  let j = 0;
  for (const interval of from) {
    let start = interval.start;
    while (j < remove.length && remove[j].end <= start) j += 1;
    let k = j;
    while (k < remove.length && remove[k].start < interval.end) {
      if (remove[k].start > start) left.push({ start, end: remove[k].start });
      start = Math.max(start, remove[k].end);
      k += 1;
    }
    if (start < interval.end) left.push({ start, end: interval.end });
  }
  return left;
}
