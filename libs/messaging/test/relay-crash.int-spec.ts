import { EventStoreDBClient } from '@eventstore/db-client';
import { hirestreamEventCatalog, serviceEventsTopic } from '@hirestream/contracts';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { IdempotentEventConsumer, ProcessedEventLog } from '../src';
import { startEmbeddedServers, type EmbeddedServers } from '../../../test/support/embedded-servers';
import { registerCandidates } from './support/candidate-events';
import { TYPESCRIPT_NODE_ARGS } from '../../../tools/typescript-runtime';

let servers: EmbeddedServers;
let client: EventStoreDBClient;
let kafka: Kafka;
let consumer: Consumer;
let producer: Producer;

beforeAll(async () => {
  servers = await startEmbeddedServers('relay-crash');
  client = EventStoreDBClient.connectionString`${servers.eventStore.connectionString}`;
  kafka = new Kafka({ brokers: [servers.kafka.bootstrapAddress], logLevel: logLevel.NOTHING });
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await consumer?.disconnect();
  await producer?.disconnect();
  await client?.dispose();
  await servers?.stop();
});

async function startRelay(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...TYPESCRIPT_NODE_ARGS, join(__dirname, 'support', 'run-relay.ts')],
    {
      env: { ...process.env, ...servers.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on(
      'data',
      (chunk: Buffer) => chunk.toString().includes('relay started') && resolve(),
    );
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
  });
  return child;
}

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('a relay killed mid-stream and restarted loses nothing, and an idempotent consumer applies each event once', async () => {
  const ids = await registerCandidates(client, 600);
  const idempotent = new IdempotentEventConsumer({
    consumerGroup: 'relay-crash-test',
    catalog: hirestreamEventCatalog,
    processed: new ProcessedEventLog(client, 'relay-crash-test'),
  });
  const delivered: string[] = [];
  const applied = new Map<string, number>();
  consumer = kafka.consumer({ groupId: 'relay-crash-test' });
  await consumer.connect();
  await consumer.subscribe({ topic: serviceEventsTopic('candidates'), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      delivered.push(message.headers?.ce_id?.toString() ?? '');
      await idempotent.consume(
        {
          topic,
          partition,
          offset: message.offset,
          key: message.key,
          headers: message.headers ?? {},
          value: message.value,
        },
        producer,
        async (event) => {
          const candidateId = String(event.data.candidateId);
          applied.set(candidateId, (applied.get(candidateId) ?? 0) + 1);
        },
      );
    },
  });

  const first = await startRelay();
  await waitFor(() => delivered.length >= 50);
  first.kill('SIGKILL');
  await once(first, 'exit');
  const deliveredBeforeRestart = delivered.length;
  expect(deliveredBeforeRestart).toBeLessThan(ids.length);

  const second = await startRelay();
  try {
    await waitFor(() => applied.size === ids.length);
    expect([...applied.keys()].sort()).toEqual([...ids].sort());
    expect([...applied.values()].every((times) => times === 1)).toBe(true);
    expect(delivered.length).toBeGreaterThanOrEqual(ids.length);
  } finally {
    second.kill('SIGTERM');
    await once(second, 'exit');
  }
});
