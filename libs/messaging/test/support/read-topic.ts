import type { Kafka, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** Reads `topic` from its beginning, as a group of its own, until `enough` says so (or 10 s passed). */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  enough: (messages: readonly KafkaMessage[]) => boolean,
): Promise<KafkaMessage[]> {
  const reader = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const messages: KafkaMessage[] = [];
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({ eachMessage: async ({ message }) => void messages.push(message) });
  for (let tries = 0; !enough(messages) && tries < 500; tries += 1)
    await new Promise((r) => setTimeout(r, 20));
  await reader.disconnect();
  return messages;
}

/** A message's headers as text. */
export function headersOf(message: KafkaMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
}
