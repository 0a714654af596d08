import {
  DECLINED_ANSWER,
  type CandidateEvent,
  type Event,
  type SelfIdentificationEvent,
} from '@hirestream/contracts';
import { ERASED_VALUE } from '@hirestream/personal-data';

/*
 * Per candidacy, what adverse impact counts: each decision stage's decision (when, and whether it
 * selected) and the history of the candidate's self-identification (when, which group per
 * dimension). Pure: the projection keeps these facts (groups sealed) and the daily counts they
 * give; the query adds the facts of asOf's own day.
 */

export const DECISION_STAGES = ['screening', 'interview', 'offer', 'hire'] as const;
export type DecisionStage = (typeof DECISION_STAGES)[number];

/** Counted in no group of the dimension: no self-identification in force at the instant. */
export const UNKNOWN_GROUP = 'unknown';
/** The total of a stage, in rows of the daily counts. */
export const EVERYONE = '*';

type Decision = Readonly<{ at: string; selected: boolean }>;
type GroupOf = Readonly<{ dimension: string; group: string }>;
type SelfIdentificationEntry = Readonly<{ at: string; groups: readonly GroupOf[] }>;

export type SelectionFacts = Readonly<{
  jobId: string | null;
  reachedOffer: boolean;
  decisions: Readonly<Partial<Record<DecisionStage, Decision>>>;
  /** Oldest first; a withdrawal is an entry without groups. */
  selfIdentification: readonly SelfIdentificationEntry[];
}>;

/** Where the projection seals the groups in a kept state. */
export const SEALED_GROUPS = ['/selfIdentification/*/groups/*/group'];

export const emptyFacts = (): SelectionFacts => ({
  jobId: null,
  reachedOffer: false,
  decisions: {},
  selfIdentification: [],
});

export type FoldedEvent = CandidateEvent | SelfIdentificationEvent | Event;

function decided(facts: SelectionFacts, stage: DecisionStage, decision: Decision): SelectionFacts {
  return { ...facts, decisions: { ...facts.decisions, [stage]: decision } };
}

/**
 * The facts after one event at `at`. Screening: ScreeningRecorded, passed or not (the last one
 * counts). Interview: the panel's advance or reject (hold is no decision yet). Offer: among those
 * who reached the offer stage, an offer extended, or a rejection before any was. Hire: hired, or
 * rejected at any stage (a candidate who withdrew is no decision of the organization's).
 */
export function foldSelectionFacts(
  facts: SelectionFacts,
  event: FoldedEvent,
  at: string,
): SelectionFacts {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'CandidateRegistered':
      return { ...facts, jobId: String(data.jobId) };
    case 'ScreeningRecorded':
      return decided(facts, 'screening', { at, selected: data.passed === true });
    case 'PanelDecisionRecorded':
      return data.decision === 'hold'
        ? facts
        : decided(facts, 'interview', { at, selected: data.decision === 'advance' });
    case 'CandidateStageChanged':
      return data.to === 'offer' ? { ...facts, reachedOffer: true } : facts;
    case 'OfferExtended':
      return facts.decisions.offer === undefined
        ? decided(facts, 'offer', { at, selected: true })
        : facts;
    case 'CandidateRejected': {
      const rejectedByUs = data.category !== 'withdrew';
      let next = facts;
      if (facts.reachedOffer && facts.decisions.offer === undefined && rejectedByUs) {
        next = decided(next, 'offer', { at, selected: false });
      }
      return rejectedByUs ? decided(next, 'hire', { at, selected: false }) : next;
    }
    case 'CandidateHired':
      return decided(facts, 'hire', { at, selected: true });
    case 'SelfIdentificationGiven': {
      const answers = data.answers as readonly { category: string; answer: string }[];
      const groups = answers.map(({ category, answer }) => ({
        dimension: category,
        group: answer,
      }));
      return { ...facts, selfIdentification: [...facts.selfIdentification, { at, groups }] };
    }
    case 'SelfIdentificationDeclined': {
      const categories = data.categories as readonly string[];
      const groups = categories.map((dimension) => ({ dimension, group: DECLINED_ANSWER }));
      return { ...facts, selfIdentification: [...facts.selfIdentification, { at, groups }] };
    }
    case 'SelfIdentificationWithdrawn':
      return { ...facts, selfIdentification: [...facts.selfIdentification, { at, groups: [] }] };
    default:
      return facts;
  }
}

/** One cell of the counts: a stage's decisions in one group of one dimension (or everyone). */
export type CountKey = Readonly<{ dimension: string; group: string; stage: DecisionStage }>;
export type Counts = Map<string, { key: CountKey; considered: number; selected: number }>;

const keyText = ({ dimension, group, stage }: CountKey) =>
  `${dimension}\u0000${group}\u0000${stage}`;

function add(counts: Counts, key: CountKey, considered: number, selected: number): void {
  const text = keyText(key);
  const cell = counts.get(text) ?? { key, considered: 0, selected: 0 };
  cell.considered += considered;
  cell.selected += selected;
  counts.set(text, cell);
}

/**
 * What the candidacy adds to the counts over everything before `beforeMs` (epoch ms, exclusive):
 * each decision made by then, under everyone and under the groups in force then. So a
 * self-identification given after a decision counts from its own time, a withdrawn one stops
 * counting from the withdrawal's, exactly. An answer erased with the candidate's key counts under
 * everyone only.
 */
export function contributionBefore(
  facts: SelectionFacts,
  beforeMs: number,
  into: Counts,
  sign = 1,
): void {
  if (facts.jobId === null) return;
  const inForce = facts.selfIdentification
    .filter((entry) => Date.parse(entry.at) < beforeMs)
    .at(-1);
  for (const stage of DECISION_STAGES) {
    const decision = facts.decisions[stage];
    if (decision === undefined || Date.parse(decision.at) >= beforeMs) continue;
    const selected = decision.selected ? sign : 0;
    add(into, { dimension: EVERYONE, group: EVERYONE, stage }, sign, selected);
    for (const { dimension, group } of inForce?.groups ?? []) {
      if (group === ERASED_VALUE) continue;
      add(into, { dimension, group, stage }, sign, selected);
    }
  }
}

const DAY_MS = 86_400_000;

/** The UTC day (YYYY-MM-DD) of an instant. */
export const dayOf = (instantMs: number): string => new Date(instantMs).toISOString().slice(0, 10);

/** The instants of the facts, as epoch ms. */
function instantsOf(facts: SelectionFacts): number[] {
  return [
    ...Object.values(facts.decisions).map((decision) => Date.parse(decision.at)),
    ...facts.selfIdentification.map((entry) => Date.parse(entry.at)),
  ];
}

/**
 * How the daily counts change when a candidacy's facts go from `before` to `after`: per day, what
 * the candidacy added during that day, after minus before.
 */
export function dailyChanges(before: SelectionFacts, after: SelectionFacts): Map<string, Counts> {
  const days = new Set([...instantsOf(before), ...instantsOf(after)].map(dayOf));
  const changes = new Map<string, Counts>();
  for (const day of days) {
    const start = Date.parse(`${day}T00:00:00.000Z`);
    const counts: Counts = new Map();
    contributionBefore(after, start + DAY_MS, counts, 1);
    contributionBefore(after, start, counts, -1);
    contributionBefore(before, start + DAY_MS, counts, -1);
    contributionBefore(before, start, counts, 1);
    for (const [text, cell] of counts) {
      if (cell.considered === 0 && cell.selected === 0) counts.delete(text);
    }
    if (counts.size > 0) changes.set(day, counts);
  }
  return changes;
}
