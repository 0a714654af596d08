import {
  CommandRejectedError,
  movesStage,
  type CandidateAssessmentEvent,
  type PanelDecisionEvent,
} from '@hirestream/contracts';
import type { Reaction } from '@hirestream/messaging';
import type { CandidateCommand } from '../domain/candidate.commands';

function commandsForDecision({
  candidateId,
  decision,
  advanceTo,
  rationale,
  feedbackForCandidate,
}: PanelDecisionEvent['data']): CandidateCommand[] {
  switch (decision) {
    case 'advance':
      return movesStage(advanceTo)
        ? [{ type: 'MoveCandidateToStage', data: { candidateId, to: advanceTo } }]
        : // Another interview round keeps the candidate in interviewing.
          [];
    case 'reject':
      return [
        {
          type: 'RejectCandidate',
          data: {
            candidateId,
            category: 'rejected-by-us',
            reason: rationale,
            feedbackForCandidate,
          },
        },
      ];
    case 'hold':
      return [];
  }
}

/**
 * The assessment service's panel decisions, carried out by the service that
 * owns stage and rejection: an advance to background check or offer moves the
 * candidate there; a rejection rejects them (by us, the rationale as the
 * reason, with the decision's feedback for the candidate). An advance to the
 * next round and a hold change nothing here.
 */
export const panelDecisionReaction: Reaction<CandidateAssessmentEvent, CandidateCommand> = {
  name: 'panel-decision',
  commandsFor: (event) => {
    switch (event.type) {
      case 'PanelDecisionRecorded':
        return commandsForDecision(event.data);
      case 'FeedbackRequested':
      case 'FeedbackRequestWithdrawn':
      case 'FeedbackDraftSaved':
      case 'FeedbackSubmitted':
      case 'FeedbackAmended':
      case 'FeedbackRevealed':
      case 'AssessmentAssigned':
      case 'AssessmentDueExtended':
      case 'AssessmentSubmitted':
      case 'AssessmentScored':
        return [];
    }
  },
};

/**
 * Refusals saying the decision needs nothing more: the candidate is in that
 * stage already (a redelivered advance), or the candidacy is closed (a
 * redelivered rejection, or the candidate withdrew meanwhile), or its personal
 * data was erased (it takes no more commands). Any other refusal is a decision
 * the candidacy's rules do not allow, for a person to look at.
 */
const SETTLED_RULES: ReadonlySet<string> = new Set([
  'already-in-stage',
  'candidacy-closed',
  'personal-data-erased',
]);

export function isSettledRefusal(error: unknown): error is CommandRejectedError {
  return error instanceof CommandRejectedError && SETTLED_RULES.has(error.rule);
}
