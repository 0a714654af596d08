import { offerStreamFacts } from '@hirestream/testing/offer-stream-facts';
import type { OffersEvent } from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import { offerReminderOf, offerReminderSchedule, reminderDueAt } from './offer-reminder.schedule';

const CANDIDATE = '00000000-0000-4000-8000-000000000001';
const OFFER = '00000000-0000-4000-8000-0000000000f1';
const offer = offerStreamFacts(CANDIDATE, OFFER);

const recorded = (event: OffersEvent, occurredAt = '2030-03-05T09:00:00Z') =>
  ({ event, metadata: { occurredAt } }) as unknown as RecordedEvent<OffersEvent>;

describe('the offer reminder schedule', () => {
  it('sets a reminder a day before expiry when an offer is extended', () => {
    expect(
      offerReminderSchedule.changes(recorded(offer.extended(1, '2030-03-20T17:00:00Z'))),
    ).toEqual([
      {
        set: {
          timerId: `offer-reminder:${OFFER}`,
          kind: 'offer-reminder',
          streamName: `candidate-${CANDIDATE}`,
          dueAt: '2030-03-19T17:00:00.000Z',
          data: {
            candidateId: CANDIDATE,
            offerId: OFFER,
            version: 1,
            expiresAt: '2030-03-20T17:00:00Z',
          },
        },
      },
    ]);
  });

  it('reminds halfway through an offer shorter than two days', () => {
    expect(reminderDueAt('2030-03-05T09:00:00Z', '2030-03-06T09:00:00Z')).toBe(
      '2030-03-05T21:00:00.000Z',
    );
  });

  it.each([
    ['accepted', offer.accepted(1)],
    ['countered', offer.countered(1)],
    ['rescinded', offer.rescinded(1)],
  ])('clears it when the offer is %s', (_, event) => {
    expect(offerReminderSchedule.changes(recorded(event))).toEqual([
      { clear: `offer-reminder:${OFFER}` },
    ]);
  });

  it('reads the reminder back from its timer, and nothing from a timer of another shape', () => {
    const [change] = offerReminderSchedule.changes(recorded(offer.extended(1)));
    if (!('set' in change)) throw new Error('expected a timer set');
    expect(offerReminderOf(change.set)).toEqual({
      candidateId: CANDIDATE,
      offerId: OFFER,
      version: 1,
      expiresAt: '2030-03-20T17:00:00Z',
    });
    expect(offerReminderOf({ ...change.set, kind: 'offer-expiry' })).toBeUndefined();
    expect(
      offerReminderOf({ ...change.set, data: { ...change.set.data, version: '1' } }),
    ).toBeUndefined();
  });
});
