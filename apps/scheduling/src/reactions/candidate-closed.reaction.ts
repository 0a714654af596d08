import { normalizeText, type CandidateEvent } from '@hirestream/contracts';
import type { Reaction } from '@hirestream/messaging';
import type { InterviewCommand } from '../domain/interview.commands';

/** A withdrawal's reason may be absent; a cancellation needs one. */
function reasonOr(given: string | null, fallback: string): string {
  const reason = given === null ? '' : normalizeText(given);
  return reason === '' ? fallback : reason;
}

/**
 * When a candidate is rejected or withdraws, every interview of theirs still
 * open is cancelled with that reason, and the calendar hold frees the panels'
 * calendars. Idempotent: a candidate with no open interview decides nothing.
 */
export const candidateClosedReaction: Reaction<CandidateEvent, InterviewCommand> = {
  name: 'candidate-closed',
  commandsFor: (event) => {
    switch (event.type) {
      case 'CandidateRejected':
        return [
          {
            type: 'CancelOpenInterviews',
            data: {
              candidateId: event.data.candidateId,
              reason: reasonOr(event.data.reason, 'the candidate was rejected'),
            },
          },
        ];
      case 'CandidateWithdrew':
        return [
          {
            type: 'CancelOpenInterviews',
            data: {
              candidateId: event.data.candidateId,
              reason: reasonOr(event.data.reason, 'the candidate withdrew'),
            },
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
