import { connectEventConsumer } from '@hirestream/messaging';
import type { ServiceOptions } from '@hirestream/platform';
import { BackgroundChecksConfig } from './background-checks.config';
import { BackgroundChecksModule, SERVICE } from './background-checks.module';
import { CONSUMER_GROUP } from './consumer-group';

/** How the background-checks service is started, by `main.ts` and by the tests alike. */
export const backgroundChecksServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: BackgroundChecksModule,
  port: 3004,
  config: BackgroundChecksConfig,
  // The candidacy's events start and stop checks; its own withdrawals and cancellations cancel orders.
  connectMicroservices: (app) => connectEventConsumer(app, SERVICE, CONSUMER_GROUP),
};
