import { KafkaContainer, StartedKafkaContainer } from '@testcontainers/kafka';
import { describeWithDocker } from '../../../test/support/describe-with-docker';
import { adminContract } from './admin-contract';
import { kafkajsContract } from './kafkajs-contract';
import { transactionsContract } from './transactions-contract';

const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.7.1';
const CLIENT_PORT = 9093;

describeWithDocker('kafkajs contract: real Kafka (testcontainers)', () => {
  let container: StartedKafkaContainer;

  beforeAll(async () => {
    // One broker: the transaction state log cannot have Kafka's default three replicas.
    container = await new KafkaContainer(KAFKA_IMAGE)
      .withEnvironment({
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_ABORT_TIMED_OUT_TRANSACTION_CLEANUP_INTERVAL_MS: '1000',
      })
      .start();
  }, 180_000);

  afterAll(async () => {
    await container?.stop();
  });

  kafkajsContract(() => ({
    bootstrapAddress: () => `${container.getHost()}:${container.getMappedPort(CLIENT_PORT)}`,
    // Restarting a container remaps its port; the committed offsets are checked with the broker kept running.
    restart: async () => undefined,
  }));
  adminContract(() => ({
    bootstrapAddress: () => `${container.getHost()}:${container.getMappedPort(CLIENT_PORT)}`,
    restart: async () => undefined,
  }));
  transactionsContract(() => ({
    bootstrapAddress: () => `${container.getHost()}:${container.getMappedPort(CLIENT_PORT)}`,
    restart: async () => undefined,
  }));
});
