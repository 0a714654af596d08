import type { ScreeningStatus } from './screening-provider-api';

/*
 * What the embedded provider finds, decided by test data alone so that a
 * demo or a test picks its path: a marker in the candidate's email gives the
 * order's first item that result, and every other item is clear.
 */

export type FinalStatus = Exclude<ScreeningStatus, 'in-progress'>;

/** `ada+consider@example.org`: the first item needs review; `+suspended@`: it could not be finished. */
const MARKERS: ReadonlyArray<readonly [string, FinalStatus]> = [
  ['+consider@', 'consider'],
  ['+suspended@', 'suspended'],
];

/** The final result of the order's item at `index` for a candidate with this email. */
export function finalStatusOf(email: string, index: number): FinalStatus {
  if (index > 0) return 'clear';
  const lowered = email.toLowerCase();
  return MARKERS.find(([marker]) => lowered.includes(marker))?.[1] ?? 'clear';
}

const SUMMARIES: Readonly<Record<FinalStatus, string>> = {
  clear: 'Nothing found that needs review.',
  consider: 'A record was found that needs review before a decision.',
  suspended: 'The item could not be completed with the information given.',
};

/** The result's summary, as a provider words it (never the raw report). */
export function summaryOf(status: FinalStatus, kind: string): string {
  return `${kind}: ${SUMMARIES[status]}`;
}

/** How long to wait before delivery attempt `attempt` (2, 3, …): doubling from `initialMs`, at most `maxMs`. */
export function retryDelayMs(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 2));
}
