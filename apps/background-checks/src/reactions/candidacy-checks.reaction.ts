import { CommandRejectedError, type CandidateEvent } from '@hirestream/contracts';
import type { Reaction } from '@hirestream/messaging';
import type { CancelBackgroundCheck } from '../domain/background-check.commands';
import { BACKGROUND_CHECKS_SYSTEM_ACTOR } from '../domain/background-check.decider';

/**
 * Starts a check for a candidate who entered the background-check stage; the
 * consumer completes it into `InitiateBackgroundCheck` (the check's id, the
 * policies in force, the time).
 */
export type StartCheck = Readonly<{ type: 'StartCheck'; data: Readonly<{ candidateId: string }> }>;

export type CandidacyCheckCommand = StartCheck | CancelBackgroundCheck;

const closed = (candidateId: string): CancelBackgroundCheck => ({
  type: 'CancelBackgroundCheck',
  data: {
    candidateId,
    checkId: null,
    cause: 'candidacy-closed',
    note: null,
    cancelledBy: BACKGROUND_CHECKS_SYSTEM_ACTOR,
  },
});

/**
 * The candidates service's events, as checks follow the candidacy: entering
 * the background-check stage starts one; a rejection or withdrawal cancels the
 * open one (and the order with the provider). Decided on the candidate's
 * stream, so a redelivery changes nothing.
 */
export const candidacyChecksReaction: Reaction<CandidateEvent, CandidacyCheckCommand> = {
  name: 'candidacy-checks',
  commandsFor: (event) => {
    switch (event.type) {
      case 'CandidateStageChanged':
        return event.data.to === 'background-check'
          ? [{ type: 'StartCheck', data: { candidateId: event.data.candidateId } }]
          : [];
      case 'CandidateRejected':
      case 'CandidateWithdrew':
        return [closed(event.data.candidateId)];
      default:
        return [];
    }
  },
};

/**
 * Refusals saying the event needs nothing more: the check was started already
 * (a redelivery), the candidate moved on or the candidacy closed meanwhile.
 */
const SETTLED_RULES: ReadonlySet<string> = new Set([
  'check-already-open',
  'candidate-not-in-background-check',
  'candidacy-closed',
]);

export function isSettledRefusal(error: unknown): error is CommandRejectedError {
  return error instanceof CommandRejectedError && SETTLED_RULES.has(error.rule);
}
