import { Module } from '@nestjs/common';
import { GetInterviewKitController } from './get-interview-kit/get-interview-kit.controller';
import { GetRubricController } from './get-rubric/get-rubric.controller';
import { interviewGuideGatewayProviders } from './interview-guides/interview-guide-gateways';
import { INTERVIEW_GUIDES } from './interview-guides/interview-guides';
import { StoredInterviewGuides } from './interview-guides/stored-interview-guides';
import { PublishInterviewKitController } from './publish-interview-kit/publish-interview-kit.controller';
import { PublishRubricController } from './publish-rubric/publish-rubric.controller';
import { ReviseRubricController } from './revise-rubric/revise-rubric.controller';

/**
 * Interview kits and rubrics: their routes, and the `INTERVIEW_GUIDES` port the
 * feedback, assignment and panel-decision modules read them through.
 */
@Module({
  controllers: [
    PublishRubricController,
    ReviseRubricController,
    GetRubricController,
    PublishInterviewKitController,
    GetInterviewKitController,
  ],
  providers: [
    ...interviewGuideGatewayProviders,
    { provide: INTERVIEW_GUIDES, useClass: StoredInterviewGuides },
  ],
  exports: [INTERVIEW_GUIDES],
})
export class InterviewGuidesModule {}
