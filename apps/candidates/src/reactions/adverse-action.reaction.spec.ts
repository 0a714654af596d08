import { adverseActionReaction } from './adverse-action.reaction';

const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const checkId = '1f8fad5b-d9cb-469f-a165-70867728950e';

describe('the reaction to a final adverse action', () => {
  it('rejects the candidate with the adverse-action category and the reason', () => {
    const commands = adverseActionReaction.commandsFor({
      type: 'FinalAdverseActionTaken',
      data: {
        candidateId,
        checkId,
        reason: 'The conviction bears on the role',
        automatic: false,
        takenBy: 'recruiter-1',
      },
    });
    expect(commands).toEqual([
      {
        type: 'RejectCandidate',
        data: {
          candidateId,
          category: 'adverse-action',
          reason: 'The conviction bears on the role',
          feedbackForCandidate: null,
        },
      },
    ]);
  });

  it('leaves the candidacy alone for every other check event', () => {
    expect(
      adverseActionReaction.commandsFor({
        type: 'AdverseActionWindowElapsed',
        data: { candidateId, checkId, windowEndsAt: '2030-06-04T07:00:00Z' },
      }),
    ).toEqual([]);
  });
});
