import { personalDataDecisions } from '../core/personal-data';
import { analyticsEventContracts, selfIdentificationStreamName } from './analytics-contracts';
import { candidateIdOfStream } from '../core/naming';

describe("the analytics service's events: personal data", () => {
  const decisions = personalDataDecisions(analyticsEventContracts);

  it('decides every field whose name looks personal: marked personal or declared not', () => {
    expect(decisions.undecided).toEqual([]);
  });

  it("marks every self-identification answer, under the candidacy's key", () => {
    expect(decisions.personal).toEqual({
      SelfIdentificationGiven: { subject: 'candidate candidateId', paths: ['/answers/*/answer'] },
    });
  });

  it('keeps them out of the candidate stream, which the relay publishes', () => {
    const candidateId = '8f14e45f-ceea-467a-9f4b-1f2a3b4c5d6e';
    expect(candidateIdOfStream(selfIdentificationStreamName(candidateId))).toBeUndefined();
  });
});
