import { connectEventConsumer } from '@hirestream/messaging';
import type { ServiceOptions } from '@hirestream/platform';
import { CandidatesConfig } from './candidates.config';
import { CandidatesModule, SERVICE } from './candidates.module';
import { CONSUMER_GROUP } from './reactions/assessment-events.consumer';

/** How the candidates service is started, by `main.ts` and by the tests alike. */
export const candidatesServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: CandidatesModule,
  port: 3001,
  config: CandidatesConfig,
  // Panel decisions move or reject candidates; accepted offers and cleared checks hire them.
  connectMicroservices: (app) => connectEventConsumer(app, SERVICE, CONSUMER_GROUP),
};
