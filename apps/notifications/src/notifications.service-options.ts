import { connectEventConsumer } from '@hirestream/messaging';
import type { ServiceOptions } from '@hirestream/platform';
import { NotificationsConfig } from './notifications.config';
import { NotificationsModule, SERVICE } from './notifications.module';
import { CONSUMER_GROUP } from './reactions/hiring-events.consumer';

/** How the notifications service is started, by `main.ts` and by the tests alike. */
export const notificationsServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: NotificationsModule,
  port: 3006,
  config: NotificationsConfig,
  // Every service's hiring events become messages to the candidate.
  connectMicroservices: (app) => connectEventConsumer(app, SERVICE, CONSUMER_GROUP),
};
