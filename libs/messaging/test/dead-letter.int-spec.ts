import { deadLetterTopic, hirestreamEventCatalog, serviceEventsTopic } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { createServiceApp } from '@hirestream/platform';
import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka, logLevel, type KafkaMessage, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  connectEventConsumer,
  consumedMessageOf,
  EventConsumerModule,
  IdempotentEventConsumer,
  toCloudEventMessage,
  type IncomingEvent,
} from '../src';
import { startEmbeddedServers, type EmbeddedServers } from '../../../test/support/embedded-servers';
import { registration } from './support/candidate-events';

const GROUP = 'dead-letter-test';
const TOPIC = serviceEventsTopic('candidates');
const handled: IncomingEvent[] = [];
const attempts = new Map<string, number>();

@Controller()
class CandidateEventsHandler {
  constructor(private readonly consumer: IdempotentEventConsumer) {}

  @EventPattern<string>(TOPIC)
  async onCandidateEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(
      consumedMessageOf(context),
      context.getProducer(),
      async (event) => {
        attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
        if (event.data.fullName === 'Poison Pill') throw new Error('cannot handle this person');
        handled.push(event);
      },
    );
  }
}

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    EventConsumerModule.forGroup(GROUP, { maxAttempts: 3, retryBackoffMs: 20 }),
  ],
  controllers: [CandidateEventsHandler],
})
class ConsumerTestModule {}

let servers: EmbeddedServers;
let app: NestFastifyApplication;
let kafka: Kafka;
let producer: Producer;

beforeAll(async () => {
  servers = await startEmbeddedServers('dead-letter');
  kafka = new Kafka({ brokers: [servers.kafka.bootstrapAddress], logLevel: logLevel.NOTHING });
  producer = kafka.producer();
  await producer.connect();
  app = await createServiceApp({
    serviceName: 'consumer-test',
    module: ConsumerTestModule,
    env: servers.env,
    shutdownHooks: false,
  });
  connectEventConsumer(app, 'consumer-test', GROUP);
  await app.startAllMicroservices();
});

afterAll(async () => {
  await app?.close();
  await producer?.disconnect();
  await servers?.stop();
});

function cloudEvent(fullName: string) {
  const candidateId = randomUUID();
  const eventId = randomUUID();
  const contract = hirestreamEventCatalog.contractOf('CandidateRegistered')!;
  const message = toCloudEventMessage('candidates', contract, {
    event: registration(candidateId, fullName),
    metadata: {
      eventId,
      occurredAt: new Date().toISOString(),
      actor: { id: 'recruiter-1', role: 'recruiter' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
    },
    streamName: `candidate-${candidateId}`,
    revision: 0n,
    position: undefined,
  });
  return { eventId, message };
}

async function readTopic(topic: string, count: number): Promise<KafkaMessage[]> {
  const reader = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const messages: KafkaMessage[] = [];
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({ eachMessage: async ({ message }) => void messages.push(message) });
  for (let tries = 0; messages.length < count && tries < 500; tries += 1)
    await new Promise((r) => setTimeout(r, 20));
  await reader.disconnect();
  return messages;
}

it('sends a malformed and a failing message to the dead-letter topic, keeps consuming, and applies a redelivered event once', async () => {
  const poison = cloudEvent('Poison Pill');
  const good = cloudEvent('Good Person');
  await producer.send({
    topic: TOPIC,
    messages: [
      { key: 'garbage', value: 'not even json', headers: { ce_specversion: '1.0' } },
      { ...poison.message, key: poison.message.key },
      good.message,
      good.message,
    ],
  });
  const extra = cloudEvent('After The Storm');
  await producer.send({ topic: TOPIC, messages: [extra.message] });

  for (let tries = 0; handled.length < 2 && tries < 500; tries += 1)
    await new Promise((r) => setTimeout(r, 20));
  // Different keys land on different partitions, so only per-partition order is defined.
  expect(handled.map((e) => e.id).sort()).toEqual([good.eventId, extra.eventId].sort());
  expect(attempts.get(poison.eventId)).toBe(3);

  const dead = await readTopic(deadLetterTopic(TOPIC, GROUP), 2);
  expect(dead).toHaveLength(2);
  dead.sort((a, b) => Number(a.headers?.dlq_attempts) - Number(b.headers?.dlq_attempts));
  const headers = dead.map((m) =>
    Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
  );
  expect(headers[0]).toMatchObject({
    dlq_original_topic: TOPIC,
    dlq_consumer_group: GROUP,
    dlq_attempts: '1',
  });
  expect(headers[0].dlq_error).toMatch(/malformed/);
  expect(dead[0].value?.toString()).toBe('not even json');
  expect(headers[1]).toMatchObject({
    ce_id: poison.eventId,
    dlq_attempts: '3',
    dlq_error: 'cannot handle this person',
  });
  expect(JSON.parse(dead[1].value!.toString())).toMatchObject({ fullName: 'Poison Pill' });
});
