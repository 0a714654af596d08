import type { CheckStanding } from '../background-checks/check-facts';
import type { Contingency } from './offer-terms';
import type { OffersEvent } from './offers-contracts';
import { OPEN_OFFER_STATUSES, type OfferStatus } from './offer-vocabulary';

/*
 * The offers service's facts as other services read them from the shared
 * candidate stream: each offer's status, its current version, the
 * contingencies of that version and which a person recorded as met. The
 * candidates service decides the hire from them (with the check facts).
 */

export type OfferFact = Readonly<{
  offerId: string;
  /** The latest version. */
  version: number;
  status: OfferStatus;
  /** Steps of the latest version's chain not approved yet. */
  stepsAwaiting: number;
  contingencies: readonly Contingency[];
  /** Kinds of the contingencies settled by a person that were recorded as met. */
  metContingencies: readonly string[];
  /** The version the candidate accepted; null until then. */
  acceptedVersion: number | null;
}>;

/** The candidacy's offers by id, in the order they were first drafted. */
export type OfferFacts = ReadonlyMap<string, OfferFact>;

export const NO_OFFERS: OfferFacts = new Map();

/**
 * The events that end the wait for the candidate's answer to an extended
 * offer: an answer, or the offer's end (what an expiry and a reminder stop for).
 */
export const OFFER_ANSWERED_OR_ENDED: ReadonlySet<OffersEvent['type']> = new Set([
  'OfferAccepted',
  'OfferDeclined',
  'OfferCountered',
  'OfferRescinded',
  'OfferExpired',
  'OfferWithdrawn',
]);

/** Keyed by the union, so a new offers event cannot be left out. */
const OFFER_EVENTS: Readonly<Record<OffersEvent['type'], true>> = {
  OfferDrafted: true,
  OfferApproved: true,
  OfferApprovalRejected: true,
  OfferApproverDelegated: true,
  OfferExtended: true,
  OfferAccepted: true,
  OfferDeclined: true,
  OfferCountered: true,
  OfferRescinded: true,
  OfferExpired: true,
  OfferWithdrawn: true,
  OfferContingencyMet: true,
};

/** The event types the offer fold reads: every offers event. */
export const OFFER_FACT_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(OFFER_EVENTS));

function changed(
  facts: OfferFacts,
  offerId: string,
  change: (offer: OfferFact) => Partial<OfferFact>,
): OfferFacts {
  const offer = facts.get(offerId);
  return offer === undefined ? facts : new Map(facts).set(offerId, { ...offer, ...change(offer) });
}

/** Folds one of the offers service's candidate-stream events into the candidacy's offers. */
export function evolveOfferFacts(facts: OfferFacts, event: OffersEvent): OfferFacts {
  switch (event.type) {
    case 'OfferDrafted': {
      const { offerId, version, terms, approvalChain, carriedApprovals } = event.data;
      const previous = facts.get(offerId);
      const stepsAwaiting = approvalChain.length - carriedApprovals.length;
      return new Map(facts).set(offerId, {
        offerId,
        version,
        // Every step carried over from the version superseded: approved as drafted.
        status: stepsAwaiting > 0 ? 'awaiting-approval' : 'approved',
        stepsAwaiting,
        contingencies: terms.contingencies,
        metContingencies: previous?.metContingencies ?? [],
        acceptedVersion: null,
      });
    }
    case 'OfferApproved':
      return changed(facts, event.data.offerId, ({ stepsAwaiting }) => ({
        stepsAwaiting: stepsAwaiting - 1,
        status: stepsAwaiting <= 1 ? 'approved' : 'awaiting-approval',
      }));
    case 'OfferApprovalRejected':
      return changed(facts, event.data.offerId, () => ({ status: 'approval-rejected' }));
    case 'OfferExtended':
      return changed(facts, event.data.offerId, () => ({ status: 'extended' }));
    case 'OfferAccepted':
      return changed(facts, event.data.offerId, () => ({
        status: 'accepted',
        acceptedVersion: event.data.version,
      }));
    case 'OfferDeclined':
      return changed(facts, event.data.offerId, () => ({ status: 'declined' }));
    case 'OfferCountered':
      return changed(facts, event.data.offerId, () => ({ status: 'countered' }));
    case 'OfferRescinded':
      return changed(facts, event.data.offerId, () => ({ status: 'rescinded' }));
    case 'OfferExpired':
      return changed(facts, event.data.offerId, () => ({ status: 'expired' }));
    case 'OfferWithdrawn':
      return changed(facts, event.data.offerId, () => ({ status: 'withdrawn' }));
    case 'OfferContingencyMet':
      return changed(facts, event.data.offerId, ({ metContingencies }) => ({
        metContingencies: metContingencies.includes(event.data.kind)
          ? metContingencies
          : [...metContingencies, event.data.kind],
      }));
    case 'OfferApproverDelegated':
      return facts;
  }
}

/** The candidacy's open offer (at most one is open at a time). */
export function openOfferOf(facts: OfferFacts): OfferFact | undefined {
  return [...facts.values()].find((offer) => OPEN_OFFER_STATUSES.has(offer.status));
}

/** The offer the candidate accepted and nobody rescinded. */
export function acceptedOfferOf(facts: OfferFacts): OfferFact | undefined {
  return [...facts.values()].find((offer) => offer.status === 'accepted');
}

/** Where the contingencies of an accepted offer stand. */
export type ContingencyStanding = Readonly<{
  met: readonly string[];
  pending: readonly string[];
  /** Contingencies that can no longer be met (a final adverse action): for a person to rescind. */
  failed: readonly string[];
}>;

/**
 * Which of the offer's contingencies are met, pending or failed: a
 * background-check contingency by the candidacy's check (clear: met; a final
 * adverse action: failed; anything else, a cancelled check too, pending), a
 * recorded one once a person recorded it.
 */
export function contingencyStanding(
  offer: Pick<OfferFact, 'contingencies' | 'metContingencies'>,
  check: CheckStanding,
): ContingencyStanding {
  const met: string[] = [];
  const pending: string[] = [];
  const failed: string[] = [];
  for (const { kind, settledBy } of offer.contingencies) {
    if (settledBy === 'recorded') {
      (offer.metContingencies.includes(kind) ? met : pending).push(kind);
    } else if (check === 'clear') met.push(kind);
    else if (check === 'adverse') failed.push(kind);
    else pending.push(kind);
  }
  return { met, pending, failed };
}
