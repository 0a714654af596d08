import { personalDataDecisions } from '../core/personal-data';
import { assessmentEventContracts } from './assessment-contracts';

describe("the assessment service's events: personal data", () => {
  const decisions = personalDataDecisions(assessmentEventContracts);

  it('decides every field whose name looks personal: marked personal or declared not', () => {
    expect(decisions.undecided).toEqual([]);
  });

  it('marks feedback, reasons, rationale and the candidate’s submission; rubrics, kits and exercises are not personal', () => {
    const candidate = 'candidate candidateId';
    const scorecard = ['/strengths', '/concerns', '/notes'];
    expect(decisions.personal).toEqual({
      FeedbackRequestWithdrawn: { subject: candidate, paths: ['/reason'] },
      FeedbackDraftSaved: { subject: candidate, paths: scorecard },
      FeedbackSubmitted: { subject: candidate, paths: scorecard },
      FeedbackAmended: { subject: candidate, paths: [...scorecard, '/reason'] },
      AssessmentDueExtended: { subject: candidate, paths: ['/reason'] },
      AssessmentSubmitted: { subject: candidate, paths: ['/reference'] },
      AssessmentScored: { subject: candidate, paths: scorecard },
      PanelDecisionRecorded: {
        subject: candidate,
        paths: ['/rationale', '/feedbackForCandidate', '/override/reason'],
      },
    });
  });
});
