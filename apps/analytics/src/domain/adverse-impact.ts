import { assertNever } from '@hirestream/event-sourcing';
import { assertSelectionCounts } from './selection-counts';
import { testSelectionRates, type SelectionRateTest } from './selection-rate-test';

/*
 * Adverse impact at one decision stage along one dimension (sex, race/ethnicity, …): each group's
 * selection rate against the highest, by the four-fifths rule of the Uniform Guidelines
 * (29 CFR 1607.4(D)) and a significance test; flagged only where both say so. Groups of fewer
 * than MINIMUM_GROUP_SIZE people are suppressed, and more groups with them where needed so that
 * the stage's total (which the funnel shows anyway) minus the shown groups never gives one
 * suppressed group or fewer than MINIMUM_GROUP_SIZE people. See README.md.
 */

export const MINIMUM_GROUP_SIZE = 5;
export const DEFAULT_ALPHA = 0.05;
/** The four-fifths rule, as integers so that a ratio of exactly 4/5 is not "below". */
const FOUR_FIFTHS = { numerator: 4n, denominator: 5n } as const;

/** One group's candidates who reached the stage's decision, and how many were selected. */
export type GroupSelection = Readonly<{ group: string; considered: number; selected: number }>;

export type AdverseImpactOptions = Readonly<{
  /** Significance level of the test; a group is flagged only where p < alpha. */
  alpha?: number;
  /**
   * Groups counted but never compared, such as the candidates who declined to self-identify:
   * they are shown (or suppressed) with their counts and rate, are never the comparison group,
   * and are the first chosen when another group must be suppressed with a small one.
   */
  notCompared?: readonly string[];
}>;

type ShownCounts = Readonly<{
  group: string;
  considered: number;
  selected: number;
  /** selected / considered */
  selectionRate: number;
}>;

/** No numbers: neither its counts nor anything computed from them. */
export type SuppressedGroup = Readonly<{ kind: 'suppressed'; group: string }>;

/** The group the others are compared with: the highest selection rate among shown groups. */
export type HighestRateGroup = ShownCounts & Readonly<{ kind: 'highest-rate'; impactRatio: 1 }>;

export type ComparedGroup = ShownCounts &
  Readonly<{
    kind: 'compared';
    /** This group's selection rate over the highest-rate group's. */
    impactRatio: number;
    /** impactRatio < 4/5, compared exactly. */
    belowFourFifths: boolean;
    /** Against the highest-rate group. */
    test: SelectionRateTest;
    /** test.pValue < alpha */
    significant: boolean;
    /** belowFourFifths and significant. */
    flagged: boolean;
  }>;

/** Counts and rate only: a group not compared, or any group where nothing could be compared. */
export type CountedGroup = ShownCounts & Readonly<{ kind: 'counted' }>;

export type ShownTotal = Readonly<{
  kind: 'shown';
  considered: number;
  selected: number;
  selectionRate: number;
}>;

export type StageTotal = ShownTotal | Readonly<{ kind: 'suppressed' }>;

export type NotEnoughDataReason = 'fewer-than-two-groups-shown' | 'nobody-selected';

export type AdverseImpact =
  | Readonly<{
      kind: 'compared';
      alpha: number;
      comparisonGroup: string;
      /** In the order given. */
      groups: readonly (SuppressedGroup | HighestRateGroup | ComparedGroup | CountedGroup)[];
      total: ShownTotal;
    }>
  | Readonly<{
      kind: 'not-enough-data';
      reason: NotEnoughDataReason;
      /** In the order given. */
      groups: readonly (SuppressedGroup | CountedGroup)[];
      total: StageTotal;
    }>;

export function adverseImpact(
  groups: readonly GroupSelection[],
  options: AdverseImpactOptions = {},
): AdverseImpact {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`adverse impact: alpha must be between 0 and 1 (exclusive), got ${alpha}`);
  }
  assertGroups(groups);
  const notCompared = new Set(options.notCompared ?? []);
  for (const name of notCompared) {
    if (!groups.some((group) => group.group === name)) {
      throw new RangeError(`adverse impact: notCompared names "${name}", which is not a group`);
    }
  }

  const suppressed = suppressedGroups(groups, notCompared);
  const isShown = (group: GroupSelection) => !suppressed.has(group.group);
  const shown = groups.filter((group) => isShown(group) && !notCompared.has(group.group));
  const countedOnly = (reason: NotEnoughDataReason): AdverseImpact => ({
    kind: 'not-enough-data',
    reason,
    groups: groups.map((group) => (isShown(group) ? countedGroup(group) : suppressedGroup(group))),
    total: stageTotal(groups),
  });

  if (shown.length < 2) return countedOnly('fewer-than-two-groups-shown');
  const highest = shown.reduce((best, group) => (hasHigherRate(group, best) ? group : best));
  if (highest.selected === 0) return countedOnly('nobody-selected');
  return {
    kind: 'compared',
    alpha,
    comparisonGroup: highest.group,
    groups: groups.map((group) => {
      if (!isShown(group)) return suppressedGroup(group);
      if (notCompared.has(group.group)) return countedGroup(group);
      return group === highest ? highestRateGroup(group) : comparedGroup(group, highest, alpha);
    }),
    total: { kind: 'shown', ...totalCounts(groups) },
  };
}

/** The groups the result names as flagged (empty where nothing was compared). */
export function flaggedGroups(result: AdverseImpact): readonly string[] {
  switch (result.kind) {
    case 'compared':
      return result.groups.flatMap((group) =>
        group.kind === 'compared' && group.flagged ? [group.group] : [],
      );
    case 'not-enough-data':
      return [];
    default:
      return assertNever(result);
  }
}

function assertGroups(groups: readonly GroupSelection[]): void {
  const names = new Set<string>();
  for (const group of groups) {
    if (group.group.length === 0) throw new RangeError('adverse impact: a group needs a name');
    if (names.has(group.group)) {
      throw new RangeError(`adverse impact: group "${group.group}" appears twice`);
    }
    names.add(group.group);
    assertSelectionCounts(group, `adverse impact: group "${group.group}"`);
  }
}

/**
 * Groups under MINIMUM_GROUP_SIZE, then, while the suppressed groups are fewer than two or hold
 * fewer than MINIMUM_GROUP_SIZE people together, one more shown group: the smallest not compared,
 * else the smallest compared (the first given on a tie). The total minus the shown groups then
 * never recovers a small group.
 */
function suppressedGroups(
  groups: readonly GroupSelection[],
  notCompared: ReadonlySet<string>,
): ReadonlySet<string> {
  const suppressed = new Set(
    groups.filter((group) => group.considered < MINIMUM_GROUP_SIZE).map((group) => group.group),
  );
  if (suppressed.size === 0) return suppressed;
  const compared = (group: GroupSelection) => (notCompared.has(group.group) ? 0 : 1);
  const bySize = groups
    .filter((group) => !suppressed.has(group.group))
    .sort((a, b) => compared(a) - compared(b) || a.considered - b.considered);
  let people = sumConsidered(groups.filter((group) => suppressed.has(group.group)));
  for (const next of bySize) {
    if (suppressed.size >= 2 && people >= MINIMUM_GROUP_SIZE) break;
    suppressed.add(next.group);
    people += next.considered;
  }
  return suppressed;
}

/** Shown with MINIMUM_GROUP_SIZE people or more; fewer only when every group is suppressed. */
function stageTotal(groups: readonly GroupSelection[]): StageTotal {
  const total = totalCounts(groups);
  return total.considered < MINIMUM_GROUP_SIZE
    ? { kind: 'suppressed' }
    : { kind: 'shown', ...total };
}

function totalCounts(groups: readonly GroupSelection[]): Omit<ShownTotal, 'kind'> {
  const considered = sumConsidered(groups);
  const selected = groups.reduce((sum, group) => sum + group.selected, 0);
  return { considered, selected, selectionRate: considered === 0 ? 0 : selected / considered };
}

function comparedGroup(
  group: GroupSelection,
  highest: GroupSelection,
  alpha: number,
): ComparedGroup {
  const test = testSelectionRates(group, highest);
  const belowFourFifths =
    FOUR_FIFTHS.denominator * BigInt(group.selected) * BigInt(highest.considered) <
    FOUR_FIFTHS.numerator * BigInt(highest.selected) * BigInt(group.considered);
  const significant = test.pValue < alpha;
  return {
    kind: 'compared',
    ...counts(group),
    // One division of whole numbers, correctly rounded: exactly 4/5 reads as 0.8.
    impactRatio: (group.selected * highest.considered) / (highest.selected * group.considered),
    belowFourFifths,
    test,
    significant,
    flagged: belowFourFifths && significant,
  };
}

/** Whether a's rate exceeds b's, compared exactly (cross-multiplied). */
function hasHigherRate(a: GroupSelection, b: GroupSelection): boolean {
  return BigInt(a.selected) * BigInt(b.considered) > BigInt(b.selected) * BigInt(a.considered);
}

function counts(group: GroupSelection): ShownCounts {
  const { considered, selected } = group;
  return { group: group.group, considered, selected, selectionRate: selected / considered };
}

function highestRateGroup(group: GroupSelection): HighestRateGroup {
  return { kind: 'highest-rate', ...counts(group), impactRatio: 1 };
}

function countedGroup(group: GroupSelection): CountedGroup {
  return { kind: 'counted', ...counts(group) };
}

function suppressedGroup(group: GroupSelection): SuppressedGroup {
  return { kind: 'suppressed', group: group.group };
}

function sumConsidered(groups: readonly GroupSelection[]): number {
  return groups.reduce((sum, group) => sum + group.considered, 0);
}
