import { Kafka, logLevel, type IHeaders, type KafkaMessage, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually } from './eventually';
import type { ServiceApp } from './service-app';

/** A topic's messages read back and sent again, as Kafka may deliver one twice. */
export type KafkaRedelivery = Readonly<{
  /** The message a relay published for the event (its `ce_id`), read off the topic from the start. */
  publishedMessage(eventId: string): Promise<KafkaMessage>;
  /**
   * Sends the message to the topic again, key, value and headers as they were,
   * but for `changedHeaders` (another `ce_id`: as if the processed mark had been lost).
   */
  redeliver(message: KafkaMessage, changedHeaders?: IHeaders): Promise<void>;
}>;

/**
 * Redelivery of `topic`'s messages on the broker of `service`'s embedded
 * servers, with one producer for the spec file, connected before its tests and
 * disconnected after them. Call at the top level of a spec file, after
 * `useServiceApps`.
 */
export function useKafkaRedelivery(service: ServiceApp, topic: string): KafkaRedelivery {
  let kafka: Kafka;
  let producer: Producer | undefined;
  beforeAll(async () => {
    kafka = new Kafka({
      brokers: [service.servers.kafka.bootstrapAddress],
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
  });
  return {
    async publishedMessage(eventId) {
      const reader = kafka.consumer({ groupId: `reader-${randomUUID()}` });
      const seen: KafkaMessage[] = [];
      await reader.connect();
      try {
        await reader.subscribe({ topic, fromBeginning: true });
        await reader.run({ eachMessage: async ({ message }) => void seen.push(message) });
        return await eventually(`the published message of event ${eventId}`, async () =>
          seen.find((m) => String(m.headers?.ce_id) === eventId),
        );
      } finally {
        await reader.disconnect();
      }
    },
    async redeliver(message, changedHeaders = {}) {
      if (producer === undefined) throw new Error('redeliver runs in a test, after beforeAll');
      await producer.send({
        topic,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: { ...message.headers, ...changedHeaders },
          },
        ],
      });
    },
  };
}
