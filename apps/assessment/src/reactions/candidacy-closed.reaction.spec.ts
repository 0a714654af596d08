import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { candidacyClosedReaction } from './candidacy-closed.reaction';

const candidateId = 'c-1';
const facts = candidateStreamFacts(candidateId);

describe('candidacy closed reaction', () => {
  it("withdraws a rejected or withdrawn candidate's open feedback requests", () => {
    expect(candidacyClosedReaction.commandsFor(facts.rejected())).toEqual([
      {
        type: 'WithdrawClosedCandidacyFeedbackRequests',
        data: { candidateId, reason: 'the candidate was rejected' },
      },
    ]);
    expect(candidacyClosedReaction.commandsFor(facts.withdrew())).toEqual([
      {
        type: 'WithdrawClosedCandidacyFeedbackRequests',
        data: { candidateId, reason: 'the candidate withdrew' },
      },
    ]);
  });

  it('does nothing while the candidacy goes on', () => {
    expect(candidacyClosedReaction.commandsFor(facts.registered())).toEqual([]);
    expect(candidacyClosedReaction.commandsFor(facts.moved('applied', 'interviewing'))).toEqual([]);
  });
});
