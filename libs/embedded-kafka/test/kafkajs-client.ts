import { randomUUID } from 'node:crypto';
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';

/** A topic, group or transactional id of its own for each test, so that runs never collide. */
export const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * A quiet kafkajs client of the broker at `bootstrapAddress` that retries `retries` times
 * (0 for a broker about to be killed: give up at once instead of retrying against it).
 */
export function kafkajsClient(
  clientId: string,
  bootstrapAddress: string,
  retries: number,
  config: Partial<KafkaConfig> = {},
): Kafka {
  return new Kafka({
    clientId,
    brokers: [bootstrapAddress],
    logLevel: logLevel.NOTHING,
    retry: { retries, initialRetryTime: 100 },
    ...config,
  });
}

/** Creates the topic and resolves once its partitions have leaders. */
export async function createTopic(
  kafka: Kafka,
  topic: string,
  numPartitions: number,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
