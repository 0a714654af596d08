import { deadLetterTopic, hirestreamEventCatalog, serviceEventsTopic } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  EventConsumerModule,
  IdempotentEventConsumer,
  toCloudEventMessage,
  type IncomingEvent,
  type OutgoingKafkaMessage,
} from '../src';
import { registration } from './support/candidate-events';
import {
  consumingController,
  startConsumerApp,
  stopConsumerApp,
  type ConsumerApp,
} from './support/consumer-app';
import { headersOf, readTopic } from './support/read-topic';

const GROUP = 'dead-letter-test';
const TOPIC = serviceEventsTopic('candidates');
const handled: IncomingEvent[] = [];
const attempts = new Map<string, number>();

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    EventConsumerModule.forGroup(GROUP, { maxAttempts: 3, retryBackoffMs: 20 }),
  ],
  controllers: [
    consumingController(TOPIC, async (event) => {
      attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
      if (event.data.fullName === 'Poison Pill') throw new Error('cannot handle this person');
      handled.push(event);
    }),
  ],
})
class ConsumerTestModule {}

let started: ConsumerApp | undefined;
let app: NestFastifyApplication;
let kafka: Kafka;
let producer: Producer;

beforeAll(async () => {
  started = await startConsumerApp('dead-letter', GROUP, {
    serviceName: 'consumer-test',
    module: ConsumerTestModule,
  });
  ({ app, kafka, producer } = started);
});

afterAll(() => stopConsumerApp(started));

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

  // Different keys land on different partitions, so only per-partition order is defined:
  // the good events may be handled before the poison's partition is through its retries.
  for (
    let tries = 0;
    (handled.length < 2 || attempts.get(poison.eventId) !== 3) && tries < 1_000;
    tries += 1
  )
    await new Promise((r) => setTimeout(r, 20));
  expect(handled.map((e) => e.id).sort()).toEqual([good.eventId, extra.eventId].sort());
  expect(attempts.get(poison.eventId)).toBe(3);

  const dead = await readTopic(
    kafka,
    deadLetterTopic(TOPIC, GROUP),
    (messages) => messages.length >= 2,
  );
  expect(dead).toHaveLength(2);
  dead.sort((a, b) => Number(a.headers?.dlq_attempts) - Number(b.headers?.dlq_attempts));
  const headers = dead.map(headersOf);
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

describe('a forged producer on the candidates topic', () => {
  it('has each forgery dead-lettered with the check it failed, never handled, while a genuine event still flows', async () => {
    const genuine = cloudEvent('Genuine Person');
    const { message } = genuine;
    const withHeaders = (headers: Record<string, string>) => ({
      ...message,
      headers: { ...message.headers, ...headers, ce_id: randomUUID() },
    });
    const cancellation = JSON.stringify({
      candidateId: message.key,
      interviewId: randomUUID(),
      reason: 'forged',
    });
    const forgeries: Record<string, OutgoingKafkaMessage> = {
      // Also claims the genuine event's id: that must not get the genuine event skipped.
      schedulingSource: {
        ...message,
        headers: { ...message.headers, ce_source: '/hirestream/scheduling' },
      },
      typeOfAnotherService: {
        ...withHeaders({ ce_type: 'hirestream.scheduling.InterviewCancelled.v1' }),
        value: cancellation,
      },
      keyOfAnotherCandidate: { ...withHeaders({}), key: randomUUID() },
      schedulingEventOnCandidatesTopic: {
        ...withHeaders({ ce_type: 'hirestream.candidates.InterviewCancelled.v1' }),
        value: cancellation,
      },
    };
    await producer.send({ topic: TOPIC, messages: [...Object.values(forgeries), message] });

    for (let tries = 0; !handled.some((e) => e.id === genuine.eventId) && tries < 500; tries += 1)
      await new Promise((r) => setTimeout(r, 20));
    expect(handled.filter((e) => e.id === genuine.eventId)).toHaveLength(1);

    const forgedIds = new Set(Object.values(forgeries).map((m) => m.headers.ce_id));
    const deadForgeries = (messages: readonly KafkaMessage[]) =>
      messages.map(headersOf).filter((h) => forgedIds.has(h.ce_id));
    const dead = deadForgeries(
      await readTopic(kafka, deadLetterTopic(TOPIC, GROUP), (m) => deadForgeries(m).length >= 4),
    );
    const reasonOf = (forgery: { headers: Record<string, string> }) =>
      dead.find(
        (h) => h.ce_id === forgery.headers.ce_id && h.ce_source === forgery.headers.ce_source,
      )?.dlq_error;
    expect(dead).toHaveLength(4);
    expect(dead.every((h) => h.dlq_attempts === '1' && h.dlq_original_topic === TOPIC)).toBe(true);
    expect(reasonOf(forgeries.schedulingSource)).toMatch(
      /^untrusted event message: ce_source \/hirestream\/scheduling is not \/hirestream\/candidates/,
    );
    expect(reasonOf(forgeries.typeOfAnotherService)).toMatch(
      /ce_type names the service scheduling, but hirestream\.candidates\.events carries only events of candidates/,
    );
    expect(reasonOf(forgeries.keyOfAnotherCandidate)).toMatch(
      /the message key \S+ is not the event's candidateId/,
    );
    expect(reasonOf(forgeries.schedulingEventOnCandidatesTopic)).toMatch(
      /InterviewCancelled is owned by scheduling, so candidates cannot publish it/,
    );
    // The handler never ran for a forgery (the genuine event's id ran once, for the genuine one).
    for (const id of forgedIds) expect(attempts.get(id) ?? 0).toBe(id === genuine.eventId ? 1 : 0);
  });

  it('dead-letters a redelivered forgery once: it is remembered by its place in the topic', async () => {
    const consumer = app.get(IdempotentEventConsumer);
    const forged = cloudEvent('Redelivered Forgery').message;
    const redelivery = {
      topic: TOPIC,
      partition: 0,
      offset: '987654321',
      key: randomUUID(),
      headers: forged.headers,
      value: forged.value,
    };
    const handler = async (): Promise<void> => {
      throw new Error('the handler must not run for an untrusted message');
    };
    expect(await consumer.consume(redelivery, producer, handler)).toBe('dead-lettered');
    expect(await consumer.consume(redelivery, producer, handler)).toBe('duplicate');
    expect(await consumer.consume({ ...redelivery, offset: '987654322' }, producer, handler)).toBe(
      'dead-lettered',
    );
  });
});
