import { connectEventConsumer } from '@hirestream/messaging';
import type { ServiceOptions } from '@hirestream/platform';
import { ReadModelConfig } from '@hirestream/read-models';
import { CandidatesModule, SERVICE } from './candidates.module';
import { CONSUMER_GROUP } from './reactions/assessment-events.consumer';

/** How the candidates service is started, by `main.ts` and by the tests alike. */
export const candidatesServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: CandidatesModule,
  port: 3001,
  config: ReadModelConfig,
  // The assessment service's panel decisions move or reject candidates.
  connectMicroservices: (app) => connectEventConsumer(app, SERVICE, CONSUMER_GROUP),
};
