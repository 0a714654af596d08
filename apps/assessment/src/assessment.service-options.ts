import type { ServiceOptions } from '@hirestream/platform';
import { ReadModelConfig } from '@hirestream/read-models';
import { AssessmentModule, SERVICE } from './assessment.module';

/** How the assessment service is started, by `main.ts` and by the tests alike. */
export const assessmentServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: AssessmentModule,
  port: 3003,
  config: ReadModelConfig,
};
