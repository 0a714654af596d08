import { schedulingServiceOptions } from '../../apps/scheduling/src/scheduling.service-options';
import { CONSUMER_GROUP } from '../../apps/scheduling/src/reactions/candidate-closed.reaction';
import { SERVICE } from '../../apps/scheduling/src/scheduling.module';
import { connectEventConsumer } from '@hirestream/messaging';
import { createServiceApp } from '@hirestream/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EmbeddedServers } from './embedded-servers';

/** The scheduling service, built as `npm start` builds it, against the given servers. */
export function createSchedulingApp(servers: EmbeddedServers): Promise<NestFastifyApplication> {
  return createServiceApp({ ...schedulingServiceOptions, env: servers.env, shutdownHooks: false });
}

/** Starts the app's Kafka consumer (the candidate reactions), as `main.ts` does after listening. */
export async function startSchedulingConsumer(app: NestFastifyApplication): Promise<void> {
  connectEventConsumer(app, SERVICE, CONSUMER_GROUP);
  await app.startAllMicroservices();
}
