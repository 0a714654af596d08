/**
 * How many candidates of one group reached a decision and how many of them
 * were selected (passed the screen, advanced after interview, got an offer,
 * were hired).
 */
export type SelectionCounts = Readonly<{ considered: number; selected: number }>;

/** Throws a RangeError naming `label` unless the counts are whole, non-negative and consistent. */
export function assertSelectionCounts(counts: SelectionCounts, label: string): void {
  const { considered, selected } = counts;
  if (!Number.isSafeInteger(considered) || considered < 0) {
    throw new RangeError(`${label}: considered must be a whole number ≥ 0, got ${considered}`);
  }
  if (!Number.isSafeInteger(selected) || selected < 0) {
    throw new RangeError(`${label}: selected must be a whole number ≥ 0, got ${selected}`);
  }
  if (selected > considered) {
    throw new RangeError(
      `${label}: selected (${selected}) cannot exceed considered (${considered})`,
    );
  }
}
