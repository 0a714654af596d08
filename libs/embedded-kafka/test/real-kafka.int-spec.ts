import { KafkaContainer, StartedKafkaContainer } from '@testcontainers/kafka';
import { describeWithDocker } from '../../../test/support/describe-with-docker';
import { adminContract } from './admin-contract';
import { kafkajsContract } from './kafkajs-contract';

const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.7.1';
const CLIENT_PORT = 9093;

describeWithDocker('kafkajs contract: real Kafka (testcontainers)', () => {
  let container: StartedKafkaContainer;

  beforeAll(async () => {
    container = await new KafkaContainer(KAFKA_IMAGE).start();
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
});
