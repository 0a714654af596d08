import type { BackgroundChecksEvent } from '@hirestream/contracts';
import type { Reaction } from '@hirestream/messaging';
import type { CandidateCommand } from '../domain/candidate.commands';

/**
 * A final adverse action taken by the background-checks service ends the
 * candidacy: the candidates service, which owns rejection, rejects the
 * candidate with the category `adverse-action` and the action's reason. The
 * candidate was told by the adverse-action notices; no other feedback is sent.
 */
export const adverseActionReaction: Reaction<BackgroundChecksEvent, CandidateCommand> = {
  name: 'adverse-action',
  commandsFor: (event) =>
    event.type === 'FinalAdverseActionTaken'
      ? [
          {
            type: 'RejectCandidate',
            data: {
              candidateId: event.data.candidateId,
              category: 'adverse-action',
              reason: event.data.reason,
              feedbackForCandidate: null,
            },
          },
        ]
      : [],
};
