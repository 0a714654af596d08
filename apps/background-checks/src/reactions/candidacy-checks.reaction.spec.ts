import { CommandRejectedError } from '@hirestream/contracts';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { candidacyChecksReaction, isSettledRefusal } from './candidacy-checks.reaction';

const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const facts = candidateStreamFacts(candidateId);
const closed = {
  type: 'CancelBackgroundCheck',
  data: {
    candidateId,
    checkId: null,
    cause: 'candidacy-closed',
    note: null,
    cancelledBy: 'background-checks',
  },
};

describe('the checks following the candidacy', () => {
  it('starts a check when the candidate enters background-check, not another stage', () => {
    expect(
      candidacyChecksReaction.commandsFor(facts.moved('interviewing', 'background-check')),
    ).toEqual([{ type: 'StartCheck', data: { candidateId } }]);
    expect(candidacyChecksReaction.commandsFor(facts.moved('background-check', 'offer'))).toEqual(
      [],
    );
    expect(candidacyChecksReaction.commandsFor(facts.registered())).toEqual([]);
  });

  it('cancels the open check when the candidate is rejected or withdraws', () => {
    expect(candidacyChecksReaction.commandsFor(facts.rejected())).toEqual([closed]);
    expect(candidacyChecksReaction.commandsFor(facts.withdrew())).toEqual([closed]);
  });

  it('takes a redelivered start, or a candidacy gone elsewhere, as settled; nothing else', () => {
    expect(isSettledRefusal(new CommandRejectedError('check-already-open', 'open'))).toBe(true);
    expect(isSettledRefusal(new CommandRejectedError('candidacy-closed', 'closed'))).toBe(true);
    expect(isSettledRefusal(new CommandRejectedError('no-check-policy-for-job', 'x'))).toBe(false);
    expect(isSettledRefusal(new Error('store down'))).toBe(false);
  });
});
