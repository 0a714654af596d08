import { connectEventConsumer } from '@hirestream/messaging';
import { bootstrapService } from '@hirestream/platform';
import { CONSUMER_GROUP } from './reactions/candidate-closed.reaction';
import { SERVICE } from './scheduling.module';
import { schedulingServiceOptions } from './scheduling.service-options';

async function main(): Promise<void> {
  const app = await bootstrapService(schedulingServiceOptions);
  // The candidates service's rejections and withdrawals close open interviews.
  connectEventConsumer(app, SERVICE, CONSUMER_GROUP);
  await app.startAllMicroservices();
}

main().catch(() => process.exit(1));
