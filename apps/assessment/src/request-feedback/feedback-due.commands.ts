import type { WithdrawFeedbackRequests } from '../domain/feedback.commands';

/**
 * Asks the panel of a completed interview for feedback. The request itself is
 * decided by `FeedbackRequester`, which stamps the rubric and the due time
 * (from the completion's time) first.
 */
export type AskPanelForFeedback = Readonly<{
  type: 'AskPanelForFeedback';
  data: Readonly<{ candidateId: string; interviewId: string }>;
}>;

/** What the feedback-due reaction asks of the requester. */
export type FeedbackDueCommand = AskPanelForFeedback | WithdrawFeedbackRequests;
