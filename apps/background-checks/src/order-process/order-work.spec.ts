import { ERASED_VALUE } from '@hirestream/personal-data';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { providerCheckFacts } from '../../test/provider-check-facts';
import { orderFactsOf, orderWorkFor } from './order-work';

const candidateId = '00000000-0000-4000-8000-000000000001';
const checkId = '00000000-0000-4000-8000-0000000000c1';
const check = providerCheckFacts(candidateId, checkId);
const registered = candidateStreamFacts(candidateId).registered({
  fullName: 'Ada Lovelace',
  email: 'ada+consider@example.org',
});
const [initiated, consented, ordered, withdrawn, cancelled] = [
  check.initiated(),
  check.consented(),
  check.ordered('ord_1'),
  check.withdrawn(),
  check.cancelled(),
];

const woken = (type: string, forCheck = checkId) => ({ type, candidateId, checkId: forCheck });

describe('the order process', () => {
  it("places the order for a consented check: the candidate's name and email and the provider's items only", () => {
    expect(
      orderWorkFor(
        woken('BackgroundCheckConsentGiven'),
        orderFactsOf([registered, initiated, consented]),
      ),
    ).toEqual({
      kind: 'place',
      order: {
        candidateId,
        checkId,
        candidate: { fullName: 'Ada Lovelace', email: 'ada+consider@example.org' },
        items: [
          { itemId: 'criminal-record', kind: 'criminal-record', subject: null },
          { itemId: 'employment-1', kind: 'employment-verification', subject: 'Acme' },
        ],
      },
    });
  });

  it('places nothing once the stream says the consent went, the order was recorded, or for another check', () => {
    const cases = [
      [registered, initiated, consented, withdrawn],
      [registered, initiated, consented, ordered],
      [registered, initiated, consented, cancelled],
      [registered, initiated],
    ];
    for (const events of cases) {
      expect(orderWorkFor(woken('BackgroundCheckConsentGiven'), orderFactsOf(events))).toEqual({
        kind: 'none',
      });
    }
    expect(
      orderWorkFor(
        woken('BackgroundCheckConsentGiven', '00000000-0000-4000-8000-0000000000c2'),
        orderFactsOf([registered, initiated, consented]),
      ),
    ).toEqual({ kind: 'none' });
  });

  it('cancels the order the stream recorded when consent is withdrawn or the check cancelled', () => {
    for (const [type, last] of [
      ['BackgroundCheckConsentWithdrawn', withdrawn],
      ['BackgroundCheckCancelled', cancelled],
    ] as const) {
      expect(
        orderWorkFor(woken(type), orderFactsOf([registered, initiated, consented, ordered, last])),
      ).toEqual({ kind: 'cancel', providerOrderId: 'ord_1' });
    }
  });

  it('places nothing for a candidate whose personal data was erased: no one is left to screen', () => {
    const erased = candidateStreamFacts(candidateId).registered({
      fullName: ERASED_VALUE,
      email: ERASED_VALUE,
    });
    expect(
      orderWorkFor(
        woken('BackgroundCheckConsentGiven'),
        orderFactsOf([erased, initiated, consented]),
      ),
    ).toEqual({ kind: 'none' });
  });

  it('has nothing to cancel when no order was recorded', () => {
    expect(
      orderWorkFor(
        woken('BackgroundCheckConsentWithdrawn'),
        orderFactsOf([registered, initiated, consented, withdrawn]),
      ),
    ).toEqual({ kind: 'none' });
  });

  it('ignores the events that are not its triggers', () => {
    expect(
      orderWorkFor(
        woken('BackgroundCheckOrdered'),
        orderFactsOf([registered, initiated, consented]),
      ),
    ).toEqual({ kind: 'none' });
  });
});
