import { intersectIntervals, mergeIntervals, subtractIntervals, type Interval } from './intervals';
import { workingDaysOver, type Availability } from './working-hours';

const MINUTE = 60_000;

export type PanelistCalendar = Readonly<{
  interviewerId: string;
  availability: Availability;
  /**
   * The interviewer's booked interviews, in any order, covering every local day
   * the range touches: each counts towards its day's limit.
   */
  busy: readonly Interval[];
}>;

export type FindTimesRequest = Readonly<{
  panel: readonly PanelistCalendar[];
  /** The candidate's own open interviews, which a proposal must not overlap either. */
  candidateBusy: readonly Interval[];
  /** Where to look; the caller starts it no earlier than now. */
  range: Interval;
  durationMinutes: number;
  /** Proposals start on multiples of this many minutes since the epoch (quarter hours for 15). */
  stepMinutes: number;
  maxProposals: number;
}>;

/**
 * When one panelist can take another interview within `range`: their working
 * hours (in their own zone) on days below their daily limit, less their bookings.
 * Linear in days and bookings once the bookings are sorted.
 */
function freeTimeOf(panelist: PanelistCalendar, range: Interval): Interval[] {
  const { availability, busy } = panelist;
  const starts = busy.map((b) => b.start).sort((a, b) => a - b);
  const open: Interval[] = [];
  let next = 0;
  for (const day of workingDaysOver(availability, range)) {
    while (next < starts.length && starts[next] < day.day.start) next += 1;
    const first = next;
    while (next < starts.length && starts[next] < day.day.end) next += 1;
    const bookedThatDay = next - first;
    if (day.working === null || bookedThatDay >= availability.dailyInterviewLimit) continue;
    const start = Math.max(day.working.start, range.start);
    const end = Math.min(day.working.end, range.end);
    if (start < end) open.push({ start, end });
  }
  return subtractIntervals(open, mergeIntervals(busy));
}

/**
 * Slots of `durationMinutes` in which every panelist and the candidate are
 * free, earliest first, at most `maxProposals`. Each calendar is reduced to
 * sorted free intervals and the lists are intersected by merging, so the cost
 * is O(Σ b log b + p·d) for p panelists with b bookings each over d days, plus
 * the proposals returned; it never walks time minute by minute.
 */
export function findTimes(request: FindTimesRequest): Interval[] {
  const { range, durationMinutes, stepMinutes, maxProposals } = request;
  const duration = durationMinutes * MINUTE;
  const step = stepMinutes * MINUTE;
  const everyoneFree = request.panel.reduce<Interval[]>(
    (common, panelist) => intersectIntervals(common, freeTimeOf(panelist, range)),
    [range],
  );
  const free = subtractIntervals(everyoneFree, mergeIntervals(request.candidateBusy));
  const proposals: Interval[] = [];
  for (const window of free) {
    for (
      let start = Math.ceil(window.start / step) * step;
      start + duration <= window.end && proposals.length < maxProposals;
      start += step
    ) {
      proposals.push({ start, end: start + duration });
    }
  }
  return proposals;
}
