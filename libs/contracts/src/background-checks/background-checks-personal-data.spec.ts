import { personalDataDecisions } from '../core/personal-data';
import { backgroundChecksEventContracts } from './background-checks-contracts';

describe("the background-checks service's events: personal data", () => {
  const decisions = personalDataDecisions(backgroundChecksEventContracts);

  it('decides every field whose name looks personal: marked personal or declared not', () => {
    expect(decisions.undecided).toEqual([]);
  });

  it("marks reasons, findings' summaries, the reference's words and the candidate's dispute; policies and the provider's ids are not personal", () => {
    const candidate = 'candidate candidateId';
    expect(decisions.personal).toEqual({
      BackgroundCheckConsentWithdrawn: { subject: candidate, paths: ['/reason'] },
      BackgroundCheckCancelled: { subject: candidate, paths: ['/note'] },
      BackgroundCheckItemResulted: { subject: candidate, paths: ['/summary'] },
      ReferenceCheckRecorded: {
        subject: candidate,
        paths: ['/referenceName', '/relationship', '/answers/*/question', '/answers/*/answer'],
      },
      BackgroundCheckItemCancelled: { subject: candidate, paths: ['/reason'] },
      ConsiderItemAdjudicated: { subject: candidate, paths: ['/reason'] },
      PreAdverseActionNoticeSent: { subject: candidate, paths: ['/reportCopyReference'] },
      AdverseActionDisputed: { subject: candidate, paths: ['/text'] },
      AdverseActionDisputeResolved: { subject: candidate, paths: ['/reason'] },
      FinalAdverseActionTaken: { subject: candidate, paths: ['/reason'] },
    });
  });
});
