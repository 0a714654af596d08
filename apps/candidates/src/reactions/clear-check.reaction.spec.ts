import { checkStreamFacts } from '@hirestream/testing/offer-stream-facts';
import { clearCheckReaction } from './clear-check.reaction';

const candidateId = 'c-1';
const check = checkStreamFacts(candidateId, 'k-1');
const advance = [{ type: 'AdvanceOnClearCheck', data: { candidateId } }];

describe('clear check reaction', () => {
  it('looks at the offer stage when a check completes or a finding is settled', () => {
    const [, , completed] = check.clear();
    expect(clearCheckReaction.commandsFor(completed)).toEqual(advance);
    const [, , , adjudicated] = check.noticeSent();
    expect(clearCheckReaction.commandsFor(adjudicated)).toEqual(advance);
  });

  it('does nothing for a check under way or an adverse action', () => {
    const [initiated] = check.started();
    expect(clearCheckReaction.commandsFor(initiated)).toEqual([]);
    expect(clearCheckReaction.commandsFor(check.finalAdverseAction())).toEqual([]);
  });
});
