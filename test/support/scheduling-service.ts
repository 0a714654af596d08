import { schedulingServiceOptions } from '../../apps/scheduling/src/scheduling.service-options';
import { createServiceApp, startMicroservices } from '@hirestream/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EmbeddedServers } from './embedded-servers';

/** The scheduling service, built as `npm start` builds it, against the given servers. */
export function createSchedulingApp(servers: EmbeddedServers): Promise<NestFastifyApplication> {
  return createServiceApp({ ...schedulingServiceOptions, env: servers.env, shutdownHooks: false });
}

/** Starts the app's Kafka consumer (the candidate reactions), as `bootstrapService` does after listening. */
export function startSchedulingConsumer(app: NestFastifyApplication): Promise<void> {
  return startMicroservices(app, schedulingServiceOptions);
}
