import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { describeWithDocker } from '../../../test/support/describe-with-docker';
import { batchAppendContract } from './batch-append-contract';
import { eventStoreContract } from './event-store-contract';
import { persistentSubscriptionsContract } from './persistent-subscriptions-contract';
import { linksAndProjectionsContract } from './links-and-projections-contract';

const STARTUP_TIMEOUT_MS = 180_000;

// The same assertions as the embedded target, against the server the embedded one imitates.
describeWithDocker('EventStoreDB contract: real EventStoreDB 24.10', () => {
  let container: StartedTestContainer;

  beforeAll(async () => {
    container = await new GenericContainer('eventstore/eventstore:24.10')
      .withEnvironment({
        EVENTSTORE_CLUSTER_SIZE: '1',
        EVENTSTORE_RUN_PROJECTIONS: 'All',
        EVENTSTORE_START_STANDARD_PROJECTIONS: 'true',
        EVENTSTORE_INSECURE: 'true',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      .start();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await container?.stop();
  });

  eventStoreContract(
    () => `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
  );
  describe('persistent subscriptions', () =>
    persistentSubscriptionsContract(
      () => `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    ));
  linksAndProjectionsContract(
    () => `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
  );
  batchAppendContract(
    () => `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
  );
});
