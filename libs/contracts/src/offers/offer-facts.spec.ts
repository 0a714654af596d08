import { offerStreamFacts } from '@hirestream/testing/offer-stream-facts';
import {
  acceptedOfferOf,
  contingencyStanding,
  evolveOfferFacts,
  NO_OFFERS,
  openOfferOf,
  type OfferFacts,
} from './offer-facts';
import type { OffersEvent } from './offers-contracts';

const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const offerId = '1f8fad5b-d9cb-469f-a165-70867728950e';
const offer = offerStreamFacts(candidateId, offerId);
const fold = (events: readonly OffersEvent[]): OfferFacts =>
  events.reduce(evolveOfferFacts, NO_OFFERS);

describe('the offer facts other services read from the candidate stream', () => {
  it('follows an offer from draft through approval and extension to acceptance', () => {
    expect(openOfferOf(fold([offer.drafted()]))?.status).toBe('awaiting-approval');
    expect(openOfferOf(fold([offer.drafted(), ...offer.fullyApproved()]))?.status).toBe('approved');
    const accepted = fold([
      offer.drafted(),
      ...offer.fullyApproved(),
      offer.extended(),
      offer.accepted(),
    ]);
    expect(openOfferOf(accepted)).toBeUndefined();
    expect(acceptedOfferOf(accepted)).toMatchObject({ offerId, acceptedVersion: 1 });
    expect(
      acceptedOfferOf(
        fold([offer.drafted(), offer.extended(), offer.accepted(), offer.rescinded()]),
      ),
    ).toBeUndefined();
  });

  it('reads a version drafted with every approval carried over as approved', () => {
    const carried = offer.drafted(2, {
      carriedApprovals: [
        { stepId: 'hiring-manager', approverId: 'approver-hiring-manager' },
        { stepId: 'department-head', approverId: 'approver-department-head' },
      ],
    });
    expect(openOfferOf(fold([offer.drafted(), ...offer.fullyApproved(), carried]))?.status).toBe(
      'approved',
    );
  });

  it("says which contingencies are met, pending or failed, by the check and people's records", () => {
    const accepted = acceptedOfferOf(
      fold([
        offer.drafted(1, {}, { contingencies: ['background-check', 'right-to-work'] }),
        offer.extended(),
        offer.accepted(),
      ]),
    );
    if (accepted === undefined) throw new Error('not accepted');
    expect(contingencyStanding(accepted, 'pending')).toEqual({
      met: [],
      pending: ['background-check', 'right-to-work'],
      failed: [],
    });
    expect(
      contingencyStanding({ ...accepted, metContingencies: ['right-to-work'] }, 'clear'),
    ).toEqual({ met: ['background-check', 'right-to-work'], pending: [], failed: [] });
    expect(contingencyStanding(accepted, 'adverse').failed).toEqual(['background-check']);
    expect(contingencyStanding(accepted, 'cancelled').pending).toContain('background-check');
  });
});
