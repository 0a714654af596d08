import { personalDataDecisions } from '../core/personal-data';
import { offersEventContracts } from './offers-contracts';

describe("the offers service's events: personal data", () => {
  const decisions = personalDataDecisions(offersEventContracts);

  it('decides every field whose name looks personal: marked personal or declared not', () => {
    expect(decisions.undecided).toEqual([]);
  });

  it("marks the candidate's signature, their words and every reason or note; the terms are not marked", () => {
    const candidate = 'candidate candidateId';
    expect(decisions.personal).toEqual({
      OfferApproved: { subject: candidate, paths: ['/note'] },
      OfferApprovalRejected: { subject: candidate, paths: ['/reason'] },
      OfferApproverDelegated: { subject: candidate, paths: ['/reason'] },
      OfferAccepted: { subject: candidate, paths: ['/signedName'] },
      OfferDeclined: { subject: candidate, paths: ['/reason'] },
      OfferCountered: { subject: candidate, paths: ['/proposals/*/proposal', '/message'] },
      OfferRescinded: { subject: candidate, paths: ['/reason'] },
      OfferContingencyMet: { subject: candidate, paths: ['/note'] },
    });
  });
});
