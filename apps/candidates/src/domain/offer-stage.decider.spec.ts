import type { BackgroundChecksEvent } from '@hirestream/contracts';
import { deciderSpecification } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { checkStreamFacts } from '@hirestream/testing/offer-stream-facts';
import {
  offerStageDecider,
  type AdvanceOnClearCheck,
  type OfferStageStreamEvent,
} from './offer-stage.decider';

const spec = deciderSpecification(offerStageDecider);
const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const checkId = '3f8fad5b-d9cb-469f-a165-70867728950e';
const candidate = candidateStreamFacts(candidateId);
const check = checkStreamFacts(candidateId, checkId);
const advance: AdvanceOnClearCheck = { type: 'AdvanceOnClearCheck', data: { candidateId } };
const toOffer = candidate.moved('background-check', 'offer');

const inBackgroundCheck: OfferStageStreamEvent[] = [
  ...candidate.interviewing(),
  candidate.moved('interviewing', 'background-check'),
];
/** Completed with a consider result, adjudicated as `decision`. */
const considered = (decision: 'engage' | 'adverse-action'): BackgroundChecksEvent[] => [
  ...check.noticeSent().slice(0, 3),
  {
    type: 'ConsiderItemAdjudicated',
    data: {
      candidateId,
      checkId,
      itemId: 'reference-check-1',
      decision,
      reason: 'Reviewed with the candidate',
      adjudicatedBy: 'recruiter-1',
    },
  },
];

describe('offer stage decider', () => {
  it('moves a candidate in background check to the offer stage once the check is clear', () => {
    spec
      .given([...inBackgroundCheck, ...check.clear()])
      .when(advance)
      .then([toOffer]);
  });

  it('counts a consider item engaged by a recruiter as clear, and one still to adjudicate as pending', () => {
    spec
      .given([...inBackgroundCheck, ...considered('engage')])
      .when(advance)
      .then([toOffer]);
    spec
      .given([...inBackgroundCheck, ...check.noticeSent().slice(0, 3)])
      .when(advance)
      .then([]);
  });

  it('moves nobody whose check is pending, adverse or cancelled', () => {
    spec
      .given([...inBackgroundCheck, ...check.started()])
      .when(advance)
      .then([]);
    spec
      .given([...inBackgroundCheck, ...check.noticeSent(), check.finalAdverseAction()])
      .when(advance)
      .then([]);
    spec
      .given([...inBackgroundCheck, ...considered('adverse-action')])
      .when(advance)
      .then([]);
  });

  it('moves nobody twice, nor a candidacy in another stage or closed', () => {
    spec
      .given([...inBackgroundCheck, ...check.clear(), toOffer])
      .when(advance)
      .then([]);
    spec
      .given([...candidate.interviewing(), ...check.clear()])
      .when(advance)
      .then([]);
    spec
      .given([...inBackgroundCheck, candidate.withdrew(), ...check.clear()])
      .when(advance)
      .then([]);
    spec.given([]).when(advance).then([]);
  });
});
