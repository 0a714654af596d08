import { deciderSpecification } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { checkStreamFacts, offerStreamFacts } from '@hirestream/testing/offer-stream-facts';
import { hireDecider, type HireCandidate, type HireStreamEvent } from './hire.decider';

const spec = deciderSpecification(hireDecider);
const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const offerId = '1f8fad5b-d9cb-469f-a165-70867728950e';
const candidate = candidateStreamFacts(candidateId);
const offer = offerStreamFacts(candidateId, offerId);
const check = checkStreamFacts(candidateId, '3f8fad5b-d9cb-469f-a165-70867728950e');
const hire: HireCandidate = { type: 'HireCandidate', data: { candidateId } };
const hired: HireStreamEvent = {
  type: 'CandidateHired',
  data: { candidateId, offerId, offerVersion: 1, stageAtHire: 'offer' },
};

const inOffer: HireStreamEvent[] = [
  ...candidate.interviewing(),
  candidate.moved('interviewing', 'offer'),
];
const extended: HireStreamEvent[] = [
  ...inOffer,
  offer.drafted(),
  ...offer.fullyApproved(),
  offer.extended(),
];

describe('hire decider', () => {
  it('hires once the offer is accepted and the check clear, in either order', () => {
    spec
      .given([...extended, offer.accepted(), ...check.clear()])
      .when(hire)
      .then([hired]);
    spec
      .given([...extended, ...check.clear(), offer.accepted()])
      .when(hire)
      .then([hired]);
  });

  it('waits for every contingency: the check, and those a person records', () => {
    spec
      .given([...extended, offer.accepted()])
      .when(hire)
      .then([]);
    spec
      .given([...extended, offer.accepted(), ...check.started()])
      .when(hire)
      .then([]);
    spec
      .given([...extended, ...check.clear()])
      .when(hire)
      .then([]);
    const withRightToWork: HireStreamEvent[] = [
      ...inOffer,
      offer.drafted(1, {}, { contingencies: ['background-check', 'right-to-work'] }),
      offer.extended(),
      offer.accepted(),
      ...check.clear(),
    ];
    spec.given(withRightToWork).when(hire).then([]);
    spec
      .given([...withRightToWork, offer.contingencyMet('right-to-work')])
      .when(hire)
      .then([hired]);
  });

  it('never hires on a failed contingency, a rescinded offer, or a closed candidacy; hires once', () => {
    spec
      .given([...extended, offer.accepted(), ...check.noticeSent(), check.finalAdverseAction()])
      .when(hire)
      .then([]);
    spec
      .given([...extended, offer.accepted(), offer.rescinded(), ...check.clear()])
      .when(hire)
      .then([]);
    spec
      .given([...extended, offer.accepted(), ...check.clear(), candidate.withdrew()])
      .when(hire)
      .then([]);
    spec
      .given([...extended, offer.accepted(), ...check.clear(), hired])
      .when(hire)
      .then([]);
  });
});
