import {
  candidateStreamName,
  OFFER_ANSWERED_OR_ENDED,
  type OffersEvent,
} from '@hirestream/contracts';
import { timerSchedule, type DueTimer, type TimerChange } from '@hirestream/event-sourcing';
import type { ExpireOffer } from '../domain/offer.commands';

/** The kind of the one timer the offers service sets. */
export const OFFER_EXPIRY = 'offer-expiry';

const timerIdOf = (offerId: string) => `${OFFER_EXPIRY}:${offerId}`;

function changesOf(event: OffersEvent): TimerChange[] {
  if (event.type === 'OfferExtended') {
    const { candidateId, offerId, version, expiresAt } = event.data;
    return [
      {
        set: {
          timerId: timerIdOf(offerId),
          kind: OFFER_EXPIRY,
          streamName: candidateStreamName(candidateId),
          dueAt: expiresAt,
          data: { candidateId, offerId, version },
        },
      },
    ];
  }
  return OFFER_ANSWERED_OR_ENDED.has(event.type) ? [{ clear: timerIdOf(event.data.offerId) }] : [];
}

/**
 * An extended offer expires at its expiry instant unless answered or ended
 * first. The firing is a command decided against the stream as it is then,
 * so a stale or repeated firing decides nothing.
 */
export const offerExpirySchedule = timerSchedule<OffersEvent>({
  name: 'offer-expiry',
  version: 1,
  select: { eventTypes: ['OfferExtended', ...OFFER_ANSWERED_OR_ENDED] },
  eventTypes: new Set(['OfferExtended', ...OFFER_ANSWERED_OR_ENDED]),
  changes: (recorded) => changesOf(recorded.event),
});

/** The command a due expiry timer fires; undefined for a timer of another kind or shape. */
export function commandForTimer(timer: DueTimer, now: string): ExpireOffer | undefined {
  const { candidateId, offerId, version } = timer.data;
  if (
    timer.kind !== OFFER_EXPIRY ||
    typeof candidateId !== 'string' ||
    typeof offerId !== 'string' ||
    typeof version !== 'number'
  ) {
    return undefined;
  }
  return { type: 'ExpireOffer', data: { candidateId, offerId, version, now } };
}
