import { EventStoreDBClient } from '@eventstore/db-client';
import {
  candidateStreamName,
  deadLetterTopic,
  hirestreamEventCatalog,
  serviceEventsTopic,
} from '@hirestream/contracts';
import { EventStore, EventStoreModule } from '@hirestream/event-sourcing';
import { dataKeyId, ERASED_VALUE, PersonalDataVault } from '@hirestream/personal-data';
import { ReadModelConfig, ReadModelModule } from '@hirestream/read-models';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Consumer, KafkaMessage, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  EventConsumerModule,
  EventRelayModule,
  IdempotentEventConsumer,
  KafkaModule,
  ProcessedEventLog,
  type IncomingEvent,
} from '../src';
import { eventually } from '../../../test/support/eventually';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import {
  consumingController,
  startConsumerApp,
  stopConsumerApp,
  type ConsumerApp,
} from './support/consumer-app';
import { headersOf } from './support/read-topic';

// Personal data on Kafka: the candidates relay publishes a registration with its
// personal values sealed as stored, and a consumer holding the service's vault
// hands its handler the plain values, [erased] ones after an erasure, and
// dead-letters a message whose sealed value was altered.

const GROUP = 'personal-data-test';
const TOPIC = serviceEventsTopic('candidates');
const DEAD_LETTERS = deadLetterTopic(TOPIC, GROUP);
const handled: IncomingEvent[] = [];
/** Every message of the topic and of its dead letters, as a plain Kafka client reads them. */
const read: Readonly<{ topic: string; message: KafkaMessage }>[] = [];

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog, stateAtPoint: false }),
    ReadModelModule.forService('candidates'),
    KafkaModule.forService('candidates'),
    EventRelayModule,
    EventConsumerModule.forGroup(GROUP, { maxAttempts: 2, retryBackoffMs: 20 }),
  ],
  controllers: [consumingController(TOPIC, async (event) => void handled.push(event))],
})
class CandidatesRelayAndConsumerModule {}

let keyFolder: string | undefined;
let started: ConsumerApp | undefined;
let app: NestFastifyApplication;
let producer: Producer;
let reader: Consumer | undefined;

beforeAll(async () => {
  keyFolder = await makeTempDir('messaging-personal-data-key');
  started = await startConsumerApp('messaging-personal-data', GROUP, {
    serviceName: 'candidates',
    module: CandidatesRelayAndConsumerModule,
    config: ReadModelConfig,
    env: { PERSONAL_DATA_KEK_FILE: join(keyFolder, 'key-encryption-key') },
  });
  ({ app, producer } = started);
  reader = started.kafka.consumer({ groupId: `reader-${randomUUID()}` });
  await reader.connect();
  await reader.subscribe({ topics: [TOPIC, DEAD_LETTERS], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ topic, message }) => void read.push({ topic, message }),
  });
});

afterAll(async () => {
  await reader?.disconnect();
  await stopConsumerApp(started);
  if (keyFolder !== undefined) await removeTempDir(keyFolder);
});

const context = {
  actor: { id: 'recruiter-1', role: 'recruiter' as const },
  correlationId: randomUUID(),
  causationId: randomUUID(),
};

/** A candidate registered through the service's `EventStore` (its vault seals), and their message as the relay published it. */
async function registered(fullName: string, email: string, phone: string) {
  const candidateId = randomUUID();
  const personId = randomUUID();
  const personal = { fullName, email, phone };
  await app
    .get(EventStore)
    .append(
      candidateStreamName(candidateId),
      [candidateStreamFacts(candidateId).registered({ personId, ...personal })],
      undefined,
      context,
    );
  const message = await readOn(TOPIC, (m) => m.key?.toString() === candidateId);
  return { candidateId, personId, personal, message, eventId: headersOf(message).ce_id };
}

const readOn = (topic: string, matches: (message: KafkaMessage) => boolean) =>
  eventually(
    `a message on ${topic}`,
    async () => read.find((one) => one.topic === topic && matches(one.message))?.message,
  );

const handledOf = (eventId: string) =>
  eventually(`event ${eventId} handled`, async () => handled.find((e) => e.id === eventId));

/** A consumer of another group, with the service's vault, fed `message` as read from the topic. */
async function consumeAfresh(message: KafkaMessage) {
  const group = `after-erasure-${randomUUID()}`;
  const consumer = new IdempotentEventConsumer({
    consumerGroup: group,
    catalog: hirestreamEventCatalog,
    processed: new ProcessedEventLog(app.get(EventStoreDBClient), group),
    vault: app.get(PersonalDataVault),
  });
  const seen: IncomingEvent[] = [];
  const outcome = await consumer.consume(
    {
      topic: TOPIC,
      partition: 0,
      offset: message.offset,
      key: message.key,
      headers: message.headers ?? {},
      value: message.value,
    },
    producer,
    async (event) => void seen.push(event),
  );
  return { outcome, seen };
}

it('publishes the personal values sealed, naming their key, and the consumer hands its handler them plain', async () => {
  const { candidateId, personal, message, eventId } = await registered(
    'Grace Brewster Hopper',
    'grace.hopper@example.org',
    '+44 20 7946 0958',
  );
  const keyId = dataKeyId('candidate', candidateId);

  expect(headersOf(message).ce_datakeyids).toBe(keyId);
  const value = message.value!.toString();
  for (const plain of Object.values(personal)) expect(value).not.toContain(plain);
  const envelope = { $enc: 'v1', kid: keyId };
  expect(JSON.parse(value)).toMatchObject({
    candidateId,
    fullName: envelope,
    email: envelope,
    phone: envelope,
  });

  const event = await handledOf(eventId);
  expect(event.data).toMatchObject({ candidateId, ...personal });
  expect(event.personalData).toEqual({ keyIds: [keyId], erasedPaths: [] });
});

it('after the person is erased, a consumer reads their values as [erased] and still handles the event', async () => {
  const { personId, message, eventId } = await registered(
    'Katherine Johnson',
    'katherine.johnson@example.org',
    '+44 20 7946 0123',
  );
  await handledOf(eventId);

  await app.get(PersonalDataVault).erasePerson(personId);
  const { outcome, seen } = await consumeAfresh(message);

  expect(outcome).toBe('handled');
  expect(seen).toHaveLength(1);
  expect(seen[0].data).toMatchObject({
    fullName: ERASED_VALUE,
    email: ERASED_VALUE,
    phone: ERASED_VALUE,
  });
  expect(seen[0].personalData?.erasedPaths).toEqual(['/fullName', '/email', '/phone']);
});

it('dead-letters a message whose sealed value was altered, without handling it', async () => {
  const { message, eventId } = await registered(
    'Dorothy Vaughan',
    'dorothy.vaughan@example.org',
    '+44 20 7946 0456',
  );
  await handledOf(eventId);

  const data = JSON.parse(message.value!.toString()) as Record<string, { ct: string }>;
  const { ct } = data.email;
  data.email.ct = `${ct[0] === 'A' ? 'B' : 'A'}${ct.slice(1)}`;
  await producer.send({
    topic: TOPIC,
    messages: [{ key: message.key, value: JSON.stringify(data), headers: message.headers }],
  });

  const dead = await readOn(DEAD_LETTERS, (m) => headersOf(m).ce_id === eventId);
  expect(headersOf(dead)).toMatchObject({ dlq_attempts: '1', dlq_original_topic: TOPIC });
  expect(headersOf(dead).dlq_error).toBe(
    `personal value /email of event ${eventId} cannot be decrypted: authentication failed (altered, or read under another event id or path)`,
  );
  expect(dead.value?.toString()).not.toContain('dorothy');
  expect(handled.filter((e) => e.id === eventId)).toHaveLength(1);
});
