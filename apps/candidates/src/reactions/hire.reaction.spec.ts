import { checkStreamFacts, offerStreamFacts } from '@hirestream/testing/offer-stream-facts';
import { checkHireReaction, offerHireReaction } from './hire.reaction';

const candidateId = 'c-1';
const offer = offerStreamFacts(candidateId, 'o-1');
const check = checkStreamFacts(candidateId, 'k-1');
const hire = [{ type: 'HireCandidate', data: { candidateId } }];

describe('hire reactions', () => {
  it('looks at the hire when an offer is accepted or a contingency met', () => {
    expect(offerHireReaction.commandsFor(offer.accepted())).toEqual(hire);
    expect(offerHireReaction.commandsFor(offer.contingencyMet('right-to-work'))).toEqual(hire);
    expect(offerHireReaction.commandsFor(offer.extended())).toEqual([]);
  });

  it('looks at the hire when a check completes or a finding is settled', () => {
    const [, , completed] = check.clear();
    expect(checkHireReaction.commandsFor(completed)).toEqual(hire);
    expect(checkHireReaction.commandsFor(check.finalAdverseAction())).toEqual([]);
  });
});
