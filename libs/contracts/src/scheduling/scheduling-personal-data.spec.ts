import { personalDataDecisions } from '../core/personal-data';
import { schedulingEventContracts } from './scheduling-contracts';

describe("the scheduling service's events: personal data", () => {
  const decisions = personalDataDecisions(schedulingEventContracts);

  it('decides every field whose name looks personal: marked personal or declared not', () => {
    expect(decisions.undecided).toEqual([]);
  });

  it("marks the reasons people give (they may speak of the candidate); the interviewers' own calendar data is not marked", () => {
    expect(decisions.personal).toEqual({
      InterviewDayRescheduled: { subject: 'candidate candidateId', paths: ['/reason'] },
      InterviewRescheduled: { subject: 'candidate candidateId', paths: ['/reason'] },
      InterviewCancelled: { subject: 'candidate candidateId', paths: ['/reason'] },
      InterviewerSlotReserved: { subject: 'candidate candidateId', paths: ['/override/reason'] },
      InterviewerSlotReleased: { subject: 'interviewer interviewerId', paths: ['/reason'] },
    });
  });
});
