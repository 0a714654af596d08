import { personalDataDecisions } from '../core/personal-data';
import { hirestreamEventCatalog } from '../event-catalog';
import { candidateEventContracts } from './candidate-contracts';

describe("the candidates service's events: personal data", () => {
  const decisions = personalDataDecisions(candidateEventContracts);

  it('decides every field whose name looks personal: marked personal or declared not', () => {
    expect(decisions.undecided).toEqual([]);
  });

  it("marks the candidate's name, contact details, resume and every text about them, under the candidacy's key linked to the person", () => {
    expect(decisions.personal).toEqual({
      CandidateRegistered: {
        subject: 'candidate candidateId, person personId',
        paths: ['/fullName', '/email', '/phone', '/resumeRef'],
      },
      ScreeningRecorded: { subject: 'candidate candidateId', paths: ['/notes'] },
      CandidateRejected: {
        subject: 'candidate candidateId',
        paths: ['/reason', '/feedbackForCandidate'],
      },
      CandidateWithdrew: { subject: 'candidate candidateId', paths: ['/reason'] },
    });
  });

  it('knows the personal paths of ScreeningRecorded v1 too', () => {
    expect(hirestreamEventCatalog.personalDataOf('ScreeningRecorded', 1)?.paths).toEqual([
      '/notes',
    ]);
  });
});
