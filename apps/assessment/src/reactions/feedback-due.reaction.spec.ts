import { feedbackDueReaction, type SchedulingEvent } from './feedback-due.reaction';

const ids = { candidateId: 'c-1', interviewId: 'i-1' };
const commandsFor = (event: SchedulingEvent) => feedbackDueReaction.commandsFor(event);

describe('feedback due reaction', () => {
  it("asks a completed interview's panel for feedback", () => {
    expect(commandsFor({ type: 'InterviewCompleted', data: ids })).toEqual([
      { type: 'AskPanelForFeedback', data: ids },
    ]);
  });

  it("withdraws a cancelled interview's open requests, with the cancellation's reason", () => {
    expect(
      commandsFor({ type: 'InterviewCancelled', data: { ...ids, reason: 'role filled' } }),
    ).toEqual([{ type: 'WithdrawFeedbackRequests', data: { ...ids, reason: 'role filled' } }]);
  });

  it('does nothing for an interview still to come, nor for a missed one', () => {
    expect(commandsFor({ type: 'InterviewConfirmed', data: ids })).toEqual([]);
    expect(
      commandsFor({
        type: 'NoShowRecorded',
        data: { ...ids, party: 'candidate', interviewerId: null },
      }),
    ).toEqual([]);
  });
});
