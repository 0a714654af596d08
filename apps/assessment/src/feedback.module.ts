import { EventConsumerModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';
import { AmendFeedbackController } from './amend-feedback/amend-feedback.controller';
import { BlindFeedbackReportController } from './blind-feedback-report/blind-feedback-report.controller';
import { feedbackGatewayProvider } from './feedback/feedback-gateway';
import { InterviewGuidesModule } from './interview-guides.module';
import { InterviewKitForPanelistController } from './interview-kit-for-panelist/interview-kit-for-panelist.controller';
import { FeedbackRequestsController } from './overdue-feedback/feedback-requests.controller';
import { FeedbackRequestsProjection } from './overdue-feedback/feedback-requests.projection';
import { CandidateEventsConsumer } from './reactions/candidate-events.consumer';
import { CONSUMER_GROUP, SchedulingEventsConsumer } from './reactions/scheduling-events.consumer';
import { ReadFeedbackController } from './read-feedback/read-feedback.controller';
import { ReadOwnFeedbackController } from './read-own-feedback/read-own-feedback.controller';
import { FeedbackRequester } from './request-feedback/feedback-requester.handler';
import { SaveFeedbackDraftController } from './save-feedback-draft/save-feedback-draft.controller';
import { SubmitFeedbackController } from './submit-feedback/submit-feedback.controller';

/**
 * Feedback on interviews: requests when an interview is completed (a reaction
 * to scheduling's events), withdrawn when it is cancelled or the candidacy
 * closes (a reaction to the candidates service's events), drafts, submissions
 * and amendments, blind reads that record every reveal, the blind-feedback
 * report, the open and overdue requests, and the panelist's kit.
 */
@Module({
  imports: [InterviewGuidesModule, EventConsumerModule.forGroup(CONSUMER_GROUP)],
  controllers: [
    SaveFeedbackDraftController,
    SubmitFeedbackController,
    AmendFeedbackController,
    ReadFeedbackController,
    ReadOwnFeedbackController,
    BlindFeedbackReportController,
    FeedbackRequestsController,
    InterviewKitForPanelistController,
    SchedulingEventsConsumer,
    CandidateEventsConsumer,
  ],
  providers: [feedbackGatewayProvider, FeedbackRequester, FeedbackRequestsProjection],
})
export class FeedbackModule {}
