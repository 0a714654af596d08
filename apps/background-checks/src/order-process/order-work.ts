import {
  CHECK_FACT_EVENT_TYPES,
  evolveCheckFacts,
  providerItemsToOrder,
  type BackgroundChecksEvent,
  type CandidateEvent,
  type CheckFacts,
} from '@hirestream/contracts';
import { ERASED_VALUE } from '@hirestream/personal-data';
import type { ScreeningOrder } from '../provider/screening-provider.port';

/*
 * The order process decides from the candidate stream, never from the event
 * that woke it: a consent given places the order only while the check still
 * waits for one; a withdrawn consent or a cancelled check cancels the order
 * the stream says was placed.
 */

/** What the order process reads of a candidate's stream. */
export type OrderFacts = Readonly<{
  candidate: Readonly<{ fullName: string; email: string }> | null;
  check: CheckFacts | null;
}>;

/** The candidate's registration (whom to screen) and the check's events. */
export const ORDER_FACT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'CandidateRegistered',
  ...CHECK_FACT_EVENT_TYPES,
]);

const isCheckEvent = (
  event: CandidateEvent | BackgroundChecksEvent,
): event is BackgroundChecksEvent => CHECK_FACT_EVENT_TYPES.has(event.type);

export function orderFactsOf(
  events: readonly (CandidateEvent | BackgroundChecksEvent)[],
): OrderFacts {
  let facts: OrderFacts = { candidate: null, check: null };
  for (const event of events) {
    if (isCheckEvent(event)) {
      facts = { ...facts, check: evolveCheckFacts(facts.check, event) };
    } else if (event.type === 'CandidateRegistered') {
      const { fullName, email } = event.data;
      // Erased, the registration names no one to screen (an email reads `[erased]` only then).
      facts = { ...facts, candidate: email === ERASED_VALUE ? null : { fullName, email } };
    }
  }
  return facts;
}

export type OrderWork =
  | Readonly<{ kind: 'place'; order: ScreeningOrder }>
  | Readonly<{ kind: 'cancel'; providerOrderId: string }>
  | Readonly<{ kind: 'none' }>;

const NOTHING: OrderWork = { kind: 'none' };

/** The event types after which the order process cancels an order (its timer places them). */
export const ORDER_CANCELLATION_TRIGGERS: ReadonlySet<string> = new Set([
  'BackgroundCheckConsentWithdrawn',
  'BackgroundCheckCancelled',
]);

/** What to ask of the provider after `trigger` (an event of check `checkId`), as the stream stands. */
export function orderWorkFor(
  trigger: Readonly<{ type: string; candidateId: string; checkId: string }>,
  { candidate, check }: OrderFacts,
): OrderWork {
  if (check === null || check.checkId !== trigger.checkId) return NOTHING;
  switch (trigger.type) {
    case 'BackgroundCheckConsentGiven': {
      const items = providerItemsToOrder(check);
      if (check.phase !== 'consented' || candidate === null || items.length === 0) return NOTHING;
      return {
        kind: 'place',
        order: {
          candidateId: trigger.candidateId,
          checkId: check.checkId,
          candidate,
          items: items.map(({ itemId, kind, subject }) => ({ itemId, kind, subject })),
        },
      };
    }
    case 'BackgroundCheckConsentWithdrawn':
    case 'BackgroundCheckCancelled':
      return check.provider === null
        ? NOTHING
        : { kind: 'cancel', providerOrderId: check.provider.orderId };
    default:
      return NOTHING;
  }
}
