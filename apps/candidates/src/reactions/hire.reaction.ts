import type { BackgroundChecksEvent, OffersEvent } from '@hirestream/contracts';
import type { Reaction } from '@hirestream/messaging';
import type { HireCandidate } from '../domain/hire.decider';

const hire = (candidateId: string): HireCandidate[] => [
  { type: 'HireCandidate', data: { candidateId } },
];

/** The offer facts that may complete a hire: the acceptance, a contingency met. */
export const offerHireReaction: Reaction<OffersEvent, HireCandidate> = {
  name: 'hire-on-offer',
  commandsFor: (event) => {
    switch (event.type) {
      case 'OfferAccepted':
      case 'OfferContingencyMet':
        return hire(event.data.candidateId);
      default:
        return [];
    }
  },
};

/** The check facts that may clear a background-check contingency. */
export const checkHireReaction: Reaction<BackgroundChecksEvent, HireCandidate> = {
  name: 'hire-on-check',
  commandsFor: (event) => {
    switch (event.type) {
      case 'BackgroundCheckCompleted':
      case 'ConsiderItemAdjudicated':
      case 'AdverseActionDisputeResolved':
        return hire(event.data.candidateId);
      default:
        return [];
    }
  },
};
