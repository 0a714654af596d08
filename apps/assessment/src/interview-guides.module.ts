import { Module } from '@nestjs/common';
import { interviewGuideGatewayProviders } from './interview-guides/interview-guide-gateways';
import { INTERVIEW_GUIDES } from './interview-guides/interview-guides';
import { StoredInterviewGuides } from './interview-guides/stored-interview-guides';

/**
 * Interview kits and rubrics: their routes, and the `INTERVIEW_GUIDES` port the
 * feedback, assignment and panel-decision modules read them through.
 */
@Module({
  providers: [
    ...interviewGuideGatewayProviders,
    { provide: INTERVIEW_GUIDES, useClass: StoredInterviewGuides },
  ],
  exports: [INTERVIEW_GUIDES],
})
export class InterviewGuidesModule {}
