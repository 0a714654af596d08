import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { candidacyClosedReaction } from './candidacy-closed.reaction';

const candidateId = 'c-1';
const candidate = candidateStreamFacts(candidateId);
const { commandsFor } = candidacyClosedReaction;

describe('candidacy closed reaction', () => {
  it("withdraws a rejected or withdrawn candidate's open offer, saying why", () => {
    expect(commandsFor(candidate.rejected())).toEqual([
      { type: 'WithdrawOpenOffer', data: { candidateId, cause: 'candidate-rejected' } },
    ]);
    expect(commandsFor(candidate.withdrew())).toEqual([
      { type: 'WithdrawOpenOffer', data: { candidateId, cause: 'candidate-withdrew' } },
    ]);
  });

  it('does nothing for an open candidacy', () => {
    expect(commandsFor(candidate.registered())).toEqual([]);
    expect(commandsFor(candidate.moved('interviewing', 'offer'))).toEqual([]);
  });
});
