import { connectEventConsumer } from '@hirestream/messaging';
import type { ServiceOptions } from '@hirestream/platform';
import { ReadModelConfig } from '@hirestream/read-models';
import { CONSUMER_GROUP } from './reactions/candidate-events.consumer';
import { SchedulingModule, SERVICE } from './scheduling.module';

/** How the scheduling service is started, by `main.ts` and by the tests alike. */
export const schedulingServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: SchedulingModule,
  port: 3002,
  config: ReadModelConfig,
  // The candidates service's rejections and withdrawals close open interviews.
  connectMicroservices: (app) => connectEventConsumer(app, SERVICE, CONSUMER_GROUP),
};
