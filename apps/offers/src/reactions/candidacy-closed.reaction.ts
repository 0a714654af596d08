import type { CandidateEvent } from '@hirestream/contracts';
import type { Reaction } from '@hirestream/messaging';
import type { WithdrawOpenOffer } from '../domain/offer.commands';

/**
 * A rejected or withdrawn candidate's open offer is withdrawn. Decided on the
 * candidate's stream, so a redelivery, or a candidacy with no open offer,
 * changes nothing; an accepted offer is left for a person to rescind.
 */
export const candidacyClosedReaction: Reaction<CandidateEvent, WithdrawOpenOffer> = {
  name: 'candidacy-closed',
  commandsFor: (event) => {
    switch (event.type) {
      case 'CandidateRejected':
        return [
          {
            type: 'WithdrawOpenOffer',
            data: { candidateId: event.data.candidateId, cause: 'candidate-rejected' },
          },
        ];
      case 'CandidateWithdrew':
        return [
          {
            type: 'WithdrawOpenOffer',
            data: { candidateId: event.data.candidateId, cause: 'candidate-withdrew' },
          },
        ];
      case 'CandidateRegistered':
      case 'ScreeningRecorded':
      case 'CandidateStageChanged':
      case 'CandidateHired':
        return [];
    }
  },
};
