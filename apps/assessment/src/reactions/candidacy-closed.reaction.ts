import type { CandidateEvent } from '@hirestream/contracts';
import type { Reaction } from '@hirestream/messaging';
import type { WithdrawClosedCandidacyFeedbackRequests } from '../domain/feedback.commands';

const withdraw = (
  candidateId: string,
  reason: string,
): WithdrawClosedCandidacyFeedbackRequests[] => [
  { type: 'WithdrawClosedCandidacyFeedbackRequests', data: { candidateId, reason } },
];

/**
 * A rejected or withdrawn candidate's open feedback requests are withdrawn, so
 * no panelist is chased for feedback nobody will read (a cancelled interview's
 * are withdrawn by the feedback-due reaction; this covers completed ones).
 * Decided on the candidate's stream, so a redelivery changes nothing.
 */
export const candidacyClosedReaction: Reaction<
  CandidateEvent,
  WithdrawClosedCandidacyFeedbackRequests
> = {
  name: 'candidacy-closed',
  commandsFor: (event) => {
    switch (event.type) {
      case 'CandidateRejected':
        return withdraw(event.data.candidateId, 'the candidate was rejected');
      case 'CandidateWithdrew':
        return withdraw(event.data.candidateId, 'the candidate withdrew');
      case 'CandidateRegistered':
      case 'ScreeningRecorded':
      case 'CandidateStageChanged':
      case 'CandidateHired':
        return [];
    }
  },
};
