import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { ByteWriter } from '../src/protocol/byte-writer';
import { brokerProcesses } from './broker-processes';
import { describeWithKcat, kcat, outputLines } from './kcat-process';
import { kafkajsClient } from './kafkajs-client';
import { RawKafkaClient, requestFrame } from './raw-kafka-client';
import { waitUntil } from './wait-until';

function client(bootstrapAddress: string, retries = 5): Kafka {
  return kafkajsClient('admin-durability', bootstrapAddress, retries);
}

async function produce(kafka: Kafka, topic: string, values: string[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  for (const value of values) await producer.send({ topic, acks: -1, messages: [{ value }] });
  await producer.disconnect();
}

async function retentionMs(admin: Admin, topic: string): Promise<string | undefined> {
  const { resources } = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }],
    includeSynonyms: false,
  });
  return resources[0].configEntries[0]?.configValue;
}

describe('embedded broker admin state across SIGKILL', () => {
  const brokers = brokerProcesses('kafka-admin-crash');

  it('keeps altered topic configs, deleted records and added partitions', async () => {
    const topic = 'admin-crash';
    const crashed = await brokers.start();
    const before = client(crashed.bootstrapAddress, 0);
    const admin = before.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await produce(
      before,
      topic,
      Array.from({ length: 10 }, (_, i) => `m${i}`),
    );
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [{ name: 'retention.ms', value: '3600000' }],
        },
      ],
    });
    await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '4' }] });
    await admin.createPartitions({ topicPartitions: [{ topic, count: 2 }] });
    await admin.disconnect();

    await crashed.process.stop('SIGKILL');
    const after = client((await brokers.start()).bootstrapAddress);
    const verifier = after.admin();
    await verifier.connect();
    expect(await retentionMs(verifier, topic)).toBe('3600000');
    const offsets = await verifier.fetchTopicOffsets(topic);
    expect(offsets.sort((a, b) => a.partition - b.partition)).toEqual([
      expect.objectContaining({ partition: 0, low: '4', high: '10' }),
      expect.objectContaining({ partition: 1, low: '0', high: '0' }),
    ]);
    await verifier.disconnect();

    const read: string[] = [];
    const consumer = after.consumer({ groupId: 'admin-crash-reader', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void read.push(String(message.value)),
    });
    await waitUntil('the kept records were read', () => read.length >= 6);
    await consumer.disconnect();
    expect(read).toEqual(['m4', 'm5', 'm6', 'm7', 'm8', 'm9']);
  }, 60_000);
});

describe('embedded broker admin specifics', () => {
  let dataDir: string;
  let broker: KafkaBroker;
  let admin: Admin;

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-admin');
    broker = await startKafkaBroker({
      port: 0,
      dataDir,
      segmentBytes: 200,
      retentionCheckIntervalMs: 50,
    });
    admin = client(broker.bootstrapAddress).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
    await broker.close();
    await removeTempDir(dataDir);
  });

  const segmentFiles = (topic: string): string[] =>
    readdirSync(join(dataDir, 'topics', topic, '0')).filter((name) => name.endsWith('.log'));

  it('refuses an assignment naming another broker (INVALID_REPLICA_ASSIGNMENT, as KRaft Kafka)', async () => {
    const error = await admin
      .createTopics({
        topics: [{ topic: 'elsewhere', replicaAssignment: [{ partition: 0, replicas: [3] }] }],
      })
      .catch((e: { errors: { type: string }[] }) => e.errors[0]);
    expect(error).toMatchObject({ type: 'INVALID_REPLICA_ASSIGNMENT' });
    expect(await admin.listTopics()).not.toContain('elsewhere');
  });

  it('deletes the segments wholly below the new log start offset', async () => {
    const topic = 'trimmed-segments';
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await produce(
      client(broker.bootstrapAddress),
      topic,
      Array.from({ length: 8 }, (_, i) => `value-${i}`),
    );
    const segmentsBefore = segmentFiles(topic);
    expect(segmentsBefore.length).toBeGreaterThan(3);
    await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '6' }] });
    const kept = segmentFiles(topic).map((name) => Number(name.slice(0, 20)));
    expect(kept.length).toBeLessThan(segmentsBefore.length);
    expect(Math.min(...kept)).toBeLessThanOrEqual(6);
    expect(Math.min(...kept)).toBeGreaterThan(0);
  });

  it('applies a per-topic retention.bytes set through AlterConfigs', async () => {
    const topic = 'topic-retention';
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await produce(
      client(broker.bootstrapAddress),
      topic,
      Array.from({ length: 8 }, (_, i) => `value-${i}`),
    );
    expect((await admin.fetchTopicOffsets(topic))[0].low).toBe('0');
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [{ name: 'retention.bytes', value: '300' }],
        },
      ],
    });
    await waitUntil(
      'retention removed the oldest segments',
      async () => Number((await admin.fetchTopicOffsets(topic))[0].low) > 0,
    );
  });

  it('closes the connection on a version it does not advertise (Produce v2, flexible Metadata v9)', async () => {
    for (const [apiKey, version] of [
      [0, 2],
      [3, 9],
    ]) {
      const raw = await RawKafkaClient.connect(broker.port);
      raw.send(requestFrame(apiKey, version, 1, new ByteWriter().int32(0).toBuffer()));
      expect(await raw.response()).toBe('closed');
      raw.close();
    }
  });
});

describeWithKcat('kcat after admin changes', () => {
  let dataDir: string;
  let broker: KafkaBroker;

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-admin-kcat');
    broker = await startKafkaBroker({ port: 0, dataDir });
  });

  afterAll(async () => {
    await broker.close();
    await removeTempDir(dataDir);
  });

  it('lists added partitions and reads from the log start offset DeleteRecords left', async () => {
    const topic = 'kcat-trimmed';
    const kafka = client(broker.bootstrapAddress);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await produce(kafka, topic, ['zero', 'one', 'two', 'three']);
    await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '2' }] });
    await admin.createPartitions({ topicPartitions: [{ topic, count: 3 }] });
    await admin.disconnect();

    const listing = await kcat(['-b', broker.bootstrapAddress, '-L', '-t', topic]);
    expect(listing).toContain(`topic "${topic}" with 3 partitions`);
    const output = await kcat([
      '-b',
      broker.bootstrapAddress,
      '-t',
      topic,
      '-p',
      '0',
      '-C',
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%o:%s\n',
    ]);
    expect(outputLines(output)).toEqual(['2:two', '3:three']);
  });
});
