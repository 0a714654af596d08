import type { CandidateEvent } from '@hirestream/contracts';
import { candidateClosedReaction } from './candidate-closed.reaction';

const candidateId = 'c-1';
const commandsFor = (event: CandidateEvent) => candidateClosedReaction.commandsFor(event);

describe('candidate closed reaction', () => {
  it("cancels a rejected candidate's open interviews with the rejection's reason", () => {
    expect(
      commandsFor({
        type: 'CandidateRejected',
        data: {
          candidateId,
          category: 'rejected-by-us',
          reason: 'another was closer',
          feedbackForCandidate: null,
          stageAtRejection: 'interviewing',
        },
      }),
    ).toEqual([
      { type: 'CancelOpenInterviews', data: { candidateId, reason: 'another was closer' } },
    ]);
  });

  it('gives a withdrawal without a reason one, as a cancellation needs it', () => {
    expect(
      commandsFor({
        type: 'CandidateWithdrew',
        data: { candidateId, reason: null, stageAtWithdrawal: 'screening' },
      }),
    ).toEqual([
      { type: 'CancelOpenInterviews', data: { candidateId, reason: 'the candidate withdrew' } },
    ]);
  });

  it('does nothing for the candidacy moving on', () => {
    expect(
      commandsFor({
        type: 'CandidateStageChanged',
        data: { candidateId, from: 'screening', to: 'interviewing' },
      }),
    ).toEqual([]);
  });
});
