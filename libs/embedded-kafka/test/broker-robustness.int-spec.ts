import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { ByteReader } from '../src/protocol/byte-reader';
import { ByteWriter } from '../src/protocol/byte-writer';
import { startDevstackProcess } from '../../../test/support/devstack-process';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { buildRecordBatch } from './record-batch-builder';
import { longPollFrame, RawKafkaClient, requestFrame } from './raw-kafka-client';

const API_VERSIONS = 18;
const METADATA = 3;
const PRODUCE = 0;

describe('embedded broker robustness and error answers', () => {
  let dataDir: string;
  let broker: KafkaBroker;
  const raws: RawKafkaClient[] = [];
  const raw = async (): Promise<RawKafkaClient> => {
    const client = await RawKafkaClient.connect(broker.port);
    raws.push(client);
    return client;
  };
  const produceBody = (topic: string, records: Buffer): Buffer =>
    new ByteWriter()
      .nullableString(null)
      .int16(-1)
      .int32(5_000)
      .array([topic], (w, name) => {
        w.string(name).array([records], (pw, data) => void pw.int32(0).bytes(data));
      })
      .toBuffer();

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-robust');
    broker = await startKafkaBroker({
      port: 0,
      dataDir,
      autoCreateTopics: false,
      logError: () => undefined,
    });
  });

  afterAll(async () => {
    for (const client of raws) client.close();
    await broker.close();
    await removeTempDir(dataDir);
  });

  it('closes only the connection that sent garbage; other clients carry on', async () => {
    const kafka = new Kafka({ brokers: [broker.bootstrapAddress], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'robust', numPartitions: 2 }] });

    const truncated = await raw();
    truncated.send(Buffer.from([0, 0, 0, 6, 0, 3, 0, 6, 0, 0]));
    expect(await truncated.response()).toBe('closed');
    const huge = await raw();
    huge.send(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3]));
    expect(await huge.response()).toBe('closed');
    const unknownApi = await raw();
    unknownApi.send(requestFrame(999, 0, 1));
    expect(await unknownApi.response()).toBe('closed');
    const badVersion = await raw();
    badVersion.send(requestFrame(METADATA, 42, 1, Buffer.from([0xff, 0xff, 0xff, 0xff])));
    expect(await badVersion.response()).toBe('closed');

    expect(await admin.listTopics()).toContain('robust');
    const producer = kafka.producer();
    await producer.connect();
    await expect(
      producer.send({ topic: 'robust', messages: [{ value: 'still fine' }] }),
    ).resolves.toHaveLength(1);
    await producer.disconnect();
    await admin.disconnect();
  });

  it('answers ApiVersions v3 in the flexible layout and an unknown version with UNSUPPORTED_VERSION', async () => {
    const client = await raw();
    client.send(requestFrame(API_VERSIONS, 3, 7, Buffer.from([0, 0, 0])));
    const flexible = await client.response();
    expect(flexible).not.toBe('closed');
    if (flexible === 'closed') return;
    expect(flexible.correlationId).toBe(7);
    expect(new ByteReader(flexible.body).int16()).toBe(0);

    client.send(requestFrame(API_VERSIONS, 9, 8));
    const unsupported = await client.response();
    if (unsupported === 'closed') throw new Error('connection closed');
    const reader = new ByteReader(unsupported.body);
    expect(reader.int16()).toBe(35);
    expect(reader.array((r) => [r.int16(), r.int16(), r.int16()])).toContainEqual([0, 3, 7]);
  });

  it('answers a corrupt batch with CORRUPT_MESSAGE and an unknown topic with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const client = await raw();
    const corrupt = buildRecordBatch([{ value: 'x' }]);
    corrupt[corrupt.length - 1] ^= 1;
    client.send(requestFrame(PRODUCE, 7, 1, produceBody('robust', corrupt)));
    client.send(
      requestFrame(PRODUCE, 7, 2, produceBody('missing', buildRecordBatch([{ value: 'x' }]))),
    );
    client.send(
      requestFrame(
        METADATA,
        6,
        3,
        new ByteWriter()
          .array(['missing'], (w, t) => void w.string(t))
          .boolean(true)
          .toBuffer(),
      ),
    );
    const partitionError = (body: Buffer): number => {
      const reader = new ByteReader(body);
      reader.int32();
      reader.string();
      reader.int32();
      reader.int32();
      return reader.int16();
    };
    const [first, second, third] = [
      await client.response(),
      await client.response(),
      await client.response(),
    ];
    if (first === 'closed' || second === 'closed' || third === 'closed')
      throw new Error('connection closed');
    expect([first.correlationId, second.correlationId, third.correlationId]).toEqual([1, 2, 3]);
    expect(partitionError(first.body)).toBe(2);
    expect(partitionError(second.body)).toBe(3);
    const metadata = new ByteReader(third.body);
    metadata.int32();
    metadata.array((r) => [r.int32(), r.string(), r.int32(), r.nullableString()]);
    metadata.nullableString();
    metadata.int32();
    expect(metadata.int32()).toBe(1);
    expect(metadata.int16()).toBe(3);
  });
});

describe('the broker process under a failing request', () => {
  it('survives a request that fails behind a long poll, closing only its connection', async () => {
    const dataDir = await makeTempDir('kafka-robust-process');
    const devstack = await startDevstackProcess({ dataDir, kafkaPort: 0 });
    const port = Number(devstack.kafkaBootstrapAddress?.split(':')[1]);
    const clients: RawKafkaClient[] = [];
    try {
      const failing = await RawKafkaClient.connect(port);
      clients.push(failing);
      failing.send(longPollFrame(1, 500));
      failing.send(requestFrame(METADATA, 1, 2, Buffer.from([0, 0, 0, 5])));
      const answer = await failing.response();
      expect(answer !== 'closed' && answer.correlationId).toBe(1);
      expect(await failing.response()).toBe('closed');

      const next = await RawKafkaClient.connect(port);
      clients.push(next);
      next.send(requestFrame(API_VERSIONS, 0, 3));
      const versions = await next.response();
      expect(versions !== 'closed' && versions.correlationId).toBe(3);
      expect(devstack.child.exitCode).toBeNull();
    } finally {
      for (const client of clients) client.close();
      await devstack.stop();
      await removeTempDir(dataDir);
    }
  });
});
