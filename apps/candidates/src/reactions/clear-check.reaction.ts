import type { BackgroundChecksEvent } from '@hirestream/contracts';
import type { Reaction } from '@hirestream/messaging';
import type { AdvanceOnClearCheck } from '../domain/offer-stage.decider';

/**
 * The check facts after which a check may stand clear: its completion, a
 * recruiter engaging a consider item, a dispute that corrected the finding.
 * Whether it is clear, and whether the candidate still waits in the
 * background-check stage, is decided on the candidate's stream.
 */
export const clearCheckReaction: Reaction<BackgroundChecksEvent, AdvanceOnClearCheck> = {
  name: 'clear-check',
  commandsFor: (event) => {
    switch (event.type) {
      case 'BackgroundCheckCompleted':
      case 'ConsiderItemAdjudicated':
      case 'AdverseActionDisputeResolved':
        return [{ type: 'AdvanceOnClearCheck', data: { candidateId: event.data.candidateId } }];
      default:
        return [];
    }
  },
};
