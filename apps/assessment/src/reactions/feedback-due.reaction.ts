import type { InterviewerCalendarEvent, InterviewEvent } from '@hirestream/contracts';
import type { Reaction } from '@hirestream/messaging';
import type { FeedbackDueCommand } from '../request-feedback/feedback-due.commands';

/** What the scheduling service publishes. */
export type SchedulingEvent = InterviewEvent | InterviewerCalendarEvent;

/**
 * A completed interview asks its panel for feedback; a cancelled one withdraws
 * what is still open. Both are decided on the candidate's stream, so a
 * redelivery, or an event the stream contradicts, changes nothing.
 */
export const feedbackDueReaction: Reaction<SchedulingEvent, FeedbackDueCommand> = {
  name: 'feedback-due',
  commandsFor: (event) => {
    switch (event.type) {
      case 'InterviewCompleted':
        return [{ type: 'AskPanelForFeedback', data: event.data }];
      case 'InterviewCancelled':
        return [{ type: 'WithdrawFeedbackRequests', data: event.data }];
      case 'InterviewScheduled':
      case 'InterviewDayScheduled':
      case 'InterviewDayRescheduled':
      case 'InterviewConfirmed':
      case 'InterviewRescheduled':
      case 'NoShowRecorded':
      case 'InterviewerAvailabilitySet':
      case 'InterviewerSlotReserved':
      case 'InterviewerSlotReleased':
        return [];
    }
  },
};
