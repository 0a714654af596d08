import {
  isProviderItemKind,
  type Adjudication,
  type CheckItemKind,
  type CheckOutcome,
  type ItemResult,
} from './background-check-vocabulary';
import {
  backgroundChecksEventContracts,
  type BackgroundChecksEvent,
} from './background-checks-contracts';
import type { PolicyVersion, StampedDocument } from './check-contracts';

/*
 * The background-checks service's facts as every service reads them from the
 * shared candidate stream: the candidacy's latest check, its items, and where
 * adverse action stands. The service's own deciders fold the same facts, so
 * "clear" and "adverse" mean one thing everywhere (offers, the hire).
 */

/** Where one item stands: ordered items wait for the provider; the last four are final. */
export type CheckItemStatus = 'pending' | 'ordered' | 'in-progress' | ItemResult | 'cancelled';

const FINAL_ITEM_STATUSES: ReadonlySet<CheckItemStatus> = new Set([
  'clear',
  'consider',
  'suspended',
  'cancelled',
]);

export type CheckItemFact = Readonly<{
  itemId: string;
  kind: CheckItemKind;
  subject: string | null;
  status: CheckItemStatus;
  /** The provider's reference once ordered (null for items a recruiter records). */
  providerReference: string | null;
  /** A recruiter's call on a consider or suspended item, once made. */
  adjudication: Adjudication | null;
  /** The provider's summary of its result and where its report is (never the report itself). */
  summary: string | null;
  reportReference: string | null;
}>;

/**
 * Where the check itself stands. Consent comes first; `consented` waits for the
 * order process to place the order; a declined or withdrawn consent waits for a
 * recruiter; `completed` and `cancelled` end it.
 */
export type CheckPhase =
  | 'awaiting-consent'
  | 'consent-declined'
  | 'consented'
  | 'ordered'
  | 'consent-withdrawn'
  | 'completed'
  | 'cancelled';

/**
 * The adverse-action sequence once a notice was sent: `waiting` until
 * `windowEndsAt`, `disputed` (paused, `remainingMs` left), `elapsed`, `taken`
 * (the final action), or `corrected` (a dispute withdrew the finding).
 */
export type AdverseActionFact = Readonly<{
  phase: 'waiting' | 'disputed' | 'elapsed' | 'taken' | 'corrected';
  itemIds: readonly string[];
  reportCopyReference: string;
  summaryOfRights: StampedDocument;
  timeZone: string;
  waitingBusinessDays: number;
  automaticFinalAction: boolean;
  /** When the window ends; null while a dispute pauses it. */
  windowEndsAt: string | null;
  /** What the window had left when it was paused; null unless disputed. */
  remainingMs: number | null;
}>;

export type CheckFacts = Readonly<{
  checkId: string;
  package: PolicyVersion;
  jurisdiction: PolicyVersion;
  disclosure: StampedDocument;
  phase: CheckPhase;
  items: readonly CheckItemFact[];
  provider: Readonly<{ name: string; orderId: string }> | null;
  outcome: CheckOutcome | null;
  adverseAction: AdverseActionFact | null;
}>;

/** What other services need to know of a candidacy's check. */
export type CheckStanding = 'none' | 'pending' | 'clear' | 'adverse' | 'cancelled';

/** The event types the check fold reads. */
export const CHECK_FACT_EVENT_TYPES: ReadonlySet<string> = new Set(
  backgroundChecksEventContracts.map((contract) => contract.type),
);

export function isFinalItemStatus(status: CheckItemStatus): boolean {
  return FINAL_ITEM_STATUSES.has(status);
}

/** Whether an item's result asks a recruiter's adjudication. */
export function needsReview(item: CheckItemFact): boolean {
  return item.status === 'consider' || item.status === 'suspended';
}

/** The items the order process orders from the provider: every provider item not cancelled. */
export function providerItemsToOrder(facts: CheckFacts): CheckItemFact[] {
  return facts.items.filter((item) => isProviderItemKind(item.kind) && item.status === 'pending');
}

/**
 * Whether the check is over for good: cancelled, or completed and settled
 * (clear, or a final adverse action). Another check may then be initiated.
 */
export function isCheckConcluded(facts: CheckFacts): boolean {
  const standing = checkStanding(facts);
  return standing === 'cancelled' || standing === 'clear' || standing === 'adverse';
}

function withItem(
  facts: CheckFacts,
  itemId: string,
  change: (item: CheckItemFact) => CheckItemFact,
): CheckFacts {
  return {
    ...facts,
    items: facts.items.map((item) => (item.itemId === itemId ? change(item) : item)),
  };
}

function withAdverseAction(facts: CheckFacts, change: Partial<AdverseActionFact>): CheckFacts {
  return facts.adverseAction === null
    ? facts
    : { ...facts, adverseAction: { ...facts.adverseAction, ...change } };
}

function evolveCurrentCheck(facts: CheckFacts, event: BackgroundChecksEvent): CheckFacts {
  switch (event.type) {
    case 'BackgroundCheckInitiated':
      return facts;
    case 'BackgroundCheckConsentGiven':
      return { ...facts, phase: 'consented' };
    case 'BackgroundCheckConsentDeclined':
      return { ...facts, phase: 'consent-declined' };
    case 'BackgroundCheckConsentWithdrawn':
      return { ...facts, phase: 'consent-withdrawn' };
    case 'BackgroundCheckOrdered': {
      const references = new Map(
        event.data.items.map((item) => [item.itemId, item.providerReference]),
      );
      return {
        ...facts,
        phase: 'ordered',
        provider: { name: event.data.provider, orderId: event.data.providerOrderId },
        items: facts.items.map((item) => {
          const providerReference = references.get(item.itemId);
          return providerReference === undefined
            ? item
            : { ...item, status: 'ordered', providerReference };
        }),
      };
    }
    case 'BackgroundCheckItemStarted':
      return withItem(facts, event.data.itemId, (item) => ({ ...item, status: 'in-progress' }));
    case 'BackgroundCheckItemResulted':
      return withItem(facts, event.data.itemId, (item) => ({
        ...item,
        status: event.data.result,
        summary: event.data.summary,
        reportReference: event.data.reportReference,
      }));
    case 'ReferenceCheckRecorded':
      return withItem(facts, event.data.itemId, (item) => ({
        ...item,
        status: event.data.result,
      }));
    case 'BackgroundCheckItemCancelled':
      return withItem(facts, event.data.itemId, (item) => ({ ...item, status: 'cancelled' }));
    case 'BackgroundCheckCompleted':
      return { ...facts, phase: 'completed', outcome: event.data.outcome };
    case 'ConsiderItemAdjudicated':
      return withItem(facts, event.data.itemId, (item) => ({
        ...item,
        adjudication: event.data.decision,
      }));
    case 'PreAdverseActionNoticeSent': {
      const { itemIds, reportCopyReference, summaryOfRights, timeZone } = event.data;
      const { waitingBusinessDays, automaticFinalAction, windowEndsAt } = event.data;
      return {
        ...facts,
        adverseAction: {
          phase: 'waiting',
          itemIds,
          reportCopyReference,
          summaryOfRights,
          timeZone,
          waitingBusinessDays,
          automaticFinalAction,
          windowEndsAt,
          remainingMs: null,
        },
      };
    }
    case 'AdverseActionDisputed':
      return withAdverseAction(facts, {
        phase: 'disputed',
        windowEndsAt: null,
        remainingMs: event.data.remainingMs,
      });
    case 'AdverseActionDisputeResolved': {
      if (event.data.resolution === 'upheld') {
        return withAdverseAction(facts, {
          phase: 'waiting',
          windowEndsAt: event.data.windowEndsAt,
          remainingMs: null,
        });
      }
      // A corrected report withdraws the finding: the items it rested on engage.
      const noticed = new Set(facts.adverseAction?.itemIds ?? []);
      const engaged: CheckFacts = {
        ...facts,
        items: facts.items.map((item) =>
          noticed.has(item.itemId) ? { ...item, adjudication: 'engage' } : item,
        ),
      };
      return withAdverseAction(engaged, {
        phase: 'corrected',
        windowEndsAt: null,
        remainingMs: null,
      });
    }
    case 'AdverseActionWindowElapsed':
      return withAdverseAction(facts, { phase: 'elapsed' });
    case 'FinalAdverseActionTaken':
      return withAdverseAction(facts, { phase: 'taken' });
    case 'BackgroundCheckCancelled':
      return {
        ...facts,
        phase: 'cancelled',
        items: facts.items.map((item) =>
          isFinalItemStatus(item.status) ? item : { ...item, status: 'cancelled' },
        ),
      };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

/**
 * Folds one of the background-checks service's events into the candidacy's
 * latest check (null: none initiated yet). A new check replaces the one before.
 */
export function evolveCheckFacts(
  facts: CheckFacts | null,
  event: BackgroundChecksEvent,
): CheckFacts | null {
  if (event.type === 'BackgroundCheckInitiated') {
    const { checkId, package: checkPackage, jurisdiction, items, disclosure } = event.data;
    return {
      checkId,
      package: checkPackage,
      jurisdiction,
      disclosure,
      phase: 'awaiting-consent',
      items: items.map(({ itemId, kind, subject }) => ({
        itemId,
        kind,
        subject,
        status: 'pending',
        providerReference: null,
        adjudication: null,
        summary: null,
        reportReference: null,
      })),
      provider: null,
      outcome: null,
      adverseAction: null,
    };
  }
  if (facts === null || event.data.checkId !== facts.checkId) return facts;
  return evolveCurrentCheck(facts, event);
}

/**
 * Where the candidacy's check stands for other services: `clear` is a completed
 * check whose every consider or suspended item was engaged; `adverse` is a
 * final adverse action taken; anything else under way is `pending`.
 */
export function checkStanding(facts: CheckFacts | null): CheckStanding {
  if (facts === null) return 'none';
  if (facts.phase === 'cancelled') return 'cancelled';
  if (facts.adverseAction?.phase === 'taken') return 'adverse';
  const engaged = facts.items.every((item) => !needsReview(item) || item.adjudication === 'engage');
  return facts.phase === 'completed' && engaged ? 'clear' : 'pending';
}
