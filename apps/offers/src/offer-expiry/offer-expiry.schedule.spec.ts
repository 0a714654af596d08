import type { OffersEvent } from '@hirestream/contracts';
import { recordedEvent } from '@hirestream/testing/candidate-stream-facts';
import { OFFER_EXPIRES_AT, offerStreamFacts } from '@hirestream/testing/offer-stream-facts';
import { commandForTimer, offerExpirySchedule } from './offer-expiry.schedule';

const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const offerId = '1f8fad5b-d9cb-469f-a165-70867728950e';
const offer = offerStreamFacts(candidateId, offerId);
const changes = (event: OffersEvent) => offerExpirySchedule.changes(recordedEvent(7, event));
const timer = {
  timerId: `offer-expiry:${offerId}`,
  kind: 'offer-expiry',
  streamName: `candidate-${candidateId}`,
  dueAt: OFFER_EXPIRES_AT,
  data: { candidateId, offerId, version: 2 },
};

describe('offer expiry schedule', () => {
  it('sets a timer at the expiry instant of each extended version (a later one moves it)', () => {
    expect(changes(offer.extended(2))).toEqual([{ set: timer }]);
  });

  it('clears it once the candidate answers or the offer ends', () => {
    for (const ended of [offer.accepted(), offer.countered(), offer.rescinded()]) {
      expect(changes(ended)).toEqual([{ clear: timer.timerId }]);
    }
    expect(changes(offer.drafted())).toEqual([]);
  });

  it('fires the expiry command for the version extended, with the firing time', () => {
    expect(commandForTimer(timer, '2030-03-20T17:00:01Z')).toEqual({
      type: 'ExpireOffer',
      data: { candidateId, offerId, version: 2, now: '2030-03-20T17:00:01Z' },
    });
    expect(commandForTimer({ ...timer, kind: 'other' }, OFFER_EXPIRES_AT)).toBeUndefined();
    expect(
      commandForTimer({ ...timer, data: { candidateId, offerId, version: '2' } }, OFFER_EXPIRES_AT),
    ).toBeUndefined();
  });
});
