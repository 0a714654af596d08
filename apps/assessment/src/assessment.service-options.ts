import { connectEventConsumer } from '@hirestream/messaging';
import type { ServiceOptions } from '@hirestream/platform';
import { AssessmentConfig } from './assessment.config';
import { AssessmentModule, SERVICE } from './assessment.module';
import { CONSUMER_GROUP } from './reactions/scheduling-events.consumer';

/** How the assessment service is started, by `main.ts` and by the tests alike. */
export const assessmentServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: AssessmentModule,
  port: 3003,
  config: AssessmentConfig,
  // Scheduling's completed and cancelled interviews ask for feedback and withdraw requests.
  connectMicroservices: (app) => connectEventConsumer(app, SERVICE, CONSUMER_GROUP),
};
