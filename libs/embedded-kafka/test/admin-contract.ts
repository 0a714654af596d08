import { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import { ByteReader } from '../src/protocol/byte-reader';
import { ByteWriter } from '../src/protocol/byte-writer';
import { kafkajsClient, unique } from './kafkajs-client';
import { KafkaTarget } from './kafkajs-contract';
import { RawKafkaClient, requestFrame } from './raw-kafka-client';
import { waitUntil } from './wait-until';

/** Kafka's ConfigSource ids as DescribeConfigs v1+ reports them. */
const DYNAMIC_TOPIC_CONFIG = 1;
const DEFAULT_CONFIG = 5;

/** The error type kafkajs gives a rejected admin call (aggregated, per group or partition, or wrapped). */
async function errorTypeOf(call: Promise<unknown>): Promise<string> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  return typeOfError(error);
}

function typeOfError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'resolved';
  const shape = error as {
    type?: string;
    cause?: unknown;
    errors?: { type?: string }[];
    groups?: { error?: { type?: string } }[];
    partitions?: { error?: { type?: string } }[];
  };
  if (shape.cause !== undefined) return typeOfError(shape.cause);
  return (
    shape.errors?.[0]?.type ??
    shape.groups?.[0]?.error?.type ??
    shape.partitions?.[0]?.error?.type ??
    shape.type ??
    String(error)
  );
}

/** Sends one raw request and reads its answer (for versions kafkajs no longer sends). */
async function rawRequest(
  address: string,
  apiKey: number,
  version: number,
  body: Buffer,
): Promise<ByteReader> {
  const [host, port] = address.split(':');
  const client = await RawKafkaClient.connect(Number(port), host);
  try {
    client.send(requestFrame(apiKey, version, 7, body));
    const response = await client.response();
    if (response === 'closed') throw new Error(`api ${apiKey} v${version}: connection closed`);
    return new ByteReader(response.body);
  } finally {
    client.close();
  }
}

interface MetadataV0 {
  brokers: { nodeId: number; port: number }[];
  topics: {
    errorCode: number;
    name: string;
    partitions: { partition: number; leader: number }[];
  }[];
}

function readMetadataV0(reader: ByteReader): MetadataV0 {
  const brokers = reader.array((r) => {
    const nodeId = r.int32();
    r.string();
    return { nodeId, port: r.int32() };
  });
  const topics = reader.array((r) => ({
    errorCode: r.int16(),
    name: r.string(),
    partitions: r.array((p) => {
      p.int16();
      const partition = p.int32();
      const leader = p.int32();
      p.array((x) => x.int32());
      p.array((x) => x.int32());
      return { partition, leader };
    }),
  }));
  return { brokers, topics };
}

/** Admin features (Kafka 2.4-era APIs and versions) as a real Kafka answers them. */
export function adminContract(getTarget: () => KafkaTarget): void {
  let admin: Admin;
  let brokerId: number;
  const kafka = (): Kafka => kafkajsClient('admin-contract', getTarget().bootstrapAddress(), 5);

  beforeAll(async () => {
    admin = kafka().admin();
    await admin.connect();
    brokerId = (await admin.describeCluster()).brokers[0].nodeId;
  });

  afterAll(async () => {
    await admin?.disconnect();
  });

  const produce = async (topic: string, values: string[], partition = 0): Promise<void> => {
    const producer = kafka().producer();
    await producer.connect();
    try {
      for (const value of values)
        await producer.send({ topic, acks: -1, messages: [{ value, partition }] });
    } finally {
      await producer.disconnect();
    }
  };

  const consumeAll = async (topic: string, expected: number): Promise<string[]> => {
    const consumer = kafka().consumer({ groupId: unique('admin-reader'), maxWaitTimeInMs: 200 });
    const seen: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => void seen.push(String(message.value)),
      });
      await waitUntil(`${expected} records read from ${topic}`, () => seen.length >= expected);
    } finally {
      await consumer.disconnect();
    }
    return seen;
  };

  describe('CreateTopics with a replica assignment', () => {
    it('creates one partition per assignment naming this broker', async () => {
      const topic = unique('assigned');
      await admin.createTopics({
        topics: [
          {
            topic,
            replicaAssignment: [
              { partition: 0, replicas: [brokerId] },
              { partition: 1, replicas: [brokerId] },
            ],
          },
        ],
      });
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = metadata.topics[0].partitions.sort(
        (a, b) => a.partitionId - b.partitionId,
      );
      expect(partitions.map((p) => [p.partitionId, p.leader, p.replicas])).toEqual([
        [0, brokerId, [brokerId]],
        [1, brokerId, [brokerId]],
      ]);
    });

    it('refuses a partition count or replication factor beside an assignment (INVALID_REQUEST)', async () => {
      const replicaAssignment = [{ partition: 0, replicas: [brokerId] }];
      const topic = unique('both');
      expect(
        await errorTypeOf(
          admin.createTopics({ topics: [{ topic, numPartitions: 1, replicaAssignment }] }),
        ),
      ).toBe('INVALID_REQUEST');
      expect(
        await errorTypeOf(
          admin.createTopics({ topics: [{ topic, replicationFactor: 1, replicaAssignment }] }),
        ),
      ).toBe('INVALID_REQUEST');
      expect((await admin.listTopics()).includes(topic)).toBe(false);
    });

    it('refuses partitions that are not 0, 1, 2… (INVALID_REPLICA_ASSIGNMENT)', async () => {
      const topic = unique('gap');
      const replicaAssignment = [
        { partition: 0, replicas: [brokerId] },
        { partition: 2, replicas: [brokerId] },
      ];
      expect(
        await errorTypeOf(admin.createTopics({ topics: [{ topic, replicaAssignment }] })),
      ).toBe('INVALID_REPLICA_ASSIGNMENT');
    });

    it('refuses a bad value of a topic config (INVALID_CONFIG)', async () => {
      const topic = unique('bad-config');
      const configEntries = [{ name: 'retention.ms', value: 'soon' }];
      expect(
        await errorTypeOf(
          admin.createTopics({ topics: [{ topic, numPartitions: 1, configEntries }] }),
        ),
      ).toBe('INVALID_CONFIG');
    });
  });

  describe('CreatePartitions', () => {
    it('adds partitions that take records, and refuses a count that is not an increase', async () => {
      const topic = unique('grow');
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      await admin.createPartitions({ topicPartitions: [{ topic, count: 3 }] });
      expect((await admin.fetchTopicOffsets(topic)).map((p) => p.partition).sort()).toEqual([
        0, 1, 2,
      ]);
      await produce(topic, ['in-partition-2'], 2);
      expect(await consumeAll(topic, 1)).toEqual(['in-partition-2']);

      expect(
        await errorTypeOf(admin.createPartitions({ topicPartitions: [{ topic, count: 3 }] })),
      ).toBe('INVALID_PARTITIONS');
      expect(
        await errorTypeOf(admin.createPartitions({ topicPartitions: [{ topic, count: 2 }] })),
      ).toBe('INVALID_PARTITIONS');
      await admin.createPartitions({ topicPartitions: [{ topic, count: 5 }], validateOnly: true });
      expect(await admin.fetchTopicOffsets(topic)).toHaveLength(3);
    });

    it('takes an assignment naming this broker for each new partition', async () => {
      const topic = unique('grow-assigned');
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      await admin.createPartitions({
        topicPartitions: [{ topic, count: 2, assignments: [[brokerId]] }],
      });
      expect(await admin.fetchTopicOffsets(topic)).toHaveLength(2);
      expect(
        await errorTypeOf(
          admin.createPartitions({
            topicPartitions: [{ topic, count: 3, assignments: [[brokerId + 100]] }],
          }),
        ),
      ).toBe('INVALID_REPLICA_ASSIGNMENT');
    });

    it('answers UNKNOWN_TOPIC_OR_PARTITION for a topic that does not exist', async () => {
      expect(
        await errorTypeOf(
          admin.createPartitions({ topicPartitions: [{ topic: unique('none'), count: 2 }] }),
        ),
      ).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    });
  });

  describe('DescribeConfigs and AlterConfigs', () => {
    const topicConfigs = async (
      topic: string,
    ): Promise<
      Map<string, { value: string; source: number; isDefault: boolean; readOnly: boolean }>
    > => {
      const { resources } = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
        includeSynonyms: false,
      });
      return new Map(
        resources[0].configEntries.map((e) => [
          e.configName,
          {
            value: e.configValue,
            source: e.configSource,
            isDefault: e.isDefault,
            readOnly: e.readOnly,
          },
        ]),
      );
    };

    it('reports a topic override as a dynamic topic config and the rest as defaults', async () => {
      const topic = unique('described');
      await admin.createTopics({
        topics: [
          { topic, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '3600000' }] },
        ],
      });
      const configs = await topicConfigs(topic);
      expect(configs.get('retention.ms')).toEqual({
        value: '3600000',
        source: DYNAMIC_TOPIC_CONFIG,
        isDefault: false,
        readOnly: false,
      });
      expect(configs.get('retention.bytes')).toEqual({
        value: '-1',
        source: DEFAULT_CONFIG,
        isDefault: true,
        readOnly: false,
      });
      expect(configs.get('cleanup.policy')?.value).toBe('delete');
      expect(configs.get('segment.bytes')?.isDefault).toBe(true);
    });

    it('returns only the configs asked for', async () => {
      const topic = unique('named');
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      const { resources } = await admin.describeConfigs({
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.bytes'] },
        ],
        includeSynonyms: false,
      });
      expect(resources[0].configEntries.map((e) => e.configName)).toEqual(['retention.bytes']);
    });

    it('answers UNKNOWN_TOPIC_OR_PARTITION for a topic that does not exist', async () => {
      expect(
        await errorTypeOf(
          admin.describeConfigs({
            resources: [{ type: ConfigResourceTypes.TOPIC, name: unique('missing') }],
            includeSynonyms: false,
          }),
        ),
      ).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    });

    it('describes the broker by its id', async () => {
      const { resources } = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.BROKER, name: String(brokerId) }],
        includeSynonyms: false,
      });
      const names = resources[0].configEntries.map((e) => e.configName);
      expect(names).toEqual(
        expect.arrayContaining([
          'log.retention.bytes',
          'log.segment.bytes',
          'num.partitions',
          'default.replication.factor',
          'broker.id',
        ]),
      );
      const id = resources[0].configEntries.find((e) => e.configName === 'broker.id');
      expect(id?.configValue).toBe(String(brokerId));
    });

    it("replaces a topic's overrides, validates values and honours validateOnly", async () => {
      const topic = unique('altered');
      await admin.createTopics({
        topics: [
          { topic, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '3600000' }] },
        ],
      });
      const resource = (configEntries: { name: string; value: string }[]) => ({
        type: ConfigResourceTypes.TOPIC,
        name: topic,
        configEntries,
      });
      await admin.alterConfigs({
        validateOnly: false,
        resources: [resource([{ name: 'retention.bytes', value: '1048576' }])],
      });
      let configs = await topicConfigs(topic);
      expect(configs.get('retention.bytes')).toMatchObject({
        value: '1048576',
        source: DYNAMIC_TOPIC_CONFIG,
      });
      // AlterConfigs is not incremental: retention.ms, not named, went back to its default.
      expect(configs.get('retention.ms')?.isDefault).toBe(true);

      await admin.alterConfigs({
        resources: [resource([{ name: 'retention.ms', value: '60000' }])],
        validateOnly: true,
      });
      configs = await topicConfigs(topic);
      expect(configs.get('retention.ms')?.isDefault).toBe(true);
      expect(configs.get('retention.bytes')?.value).toBe('1048576');

      expect(
        await errorTypeOf(
          admin.alterConfigs({
            validateOnly: false,
            resources: [resource([{ name: 'retention.ms', value: 'x' }])],
          }),
        ),
      ).toBe('INVALID_CONFIG');
      expect(
        await errorTypeOf(
          admin.alterConfigs({
            validateOnly: false,
            resources: [resource([{ name: 'retention.ms', value: '-7' }])],
          }),
        ),
      ).toBe('INVALID_CONFIG');
      expect(
        await errorTypeOf(
          admin.alterConfigs({
            validateOnly: false,
            resources: [resource([{ name: 'no.such.config', value: '1' }])],
          }),
        ),
      ).toBe('INVALID_CONFIG');
      expect((await topicConfigs(topic)).get('retention.bytes')?.value).toBe('1048576');

      expect(
        await errorTypeOf(
          admin.alterConfigs({
            validateOnly: false,
            resources: [
              { type: ConfigResourceTypes.TOPIC, name: unique('missing'), configEntries: [] },
            ],
          }),
        ),
      ).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    });
  });

  describe('DeleteRecords', () => {
    it('moves the log start offset: earliest offset, fetches and bounds as Kafka', async () => {
      const topic = unique('trimmed');
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      await produce(topic, ['r0', 'r1', 'r2', 'r3', 'r4']);
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '3' }] });
      expect(await admin.fetchTopicOffsets(topic)).toEqual([
        expect.objectContaining({ partition: 0, low: '3', high: '5' }),
      ]);
      expect(await consumeAll(topic, 2)).toEqual(['r3', 'r4']);

      // Below the current start nothing changes; beyond the high watermark is out of range.
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '1' }] });
      expect((await admin.fetchTopicOffsets(topic))[0].low).toBe('3');
      expect(
        await errorTypeOf(
          admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '9' }] }),
        ),
      ).toBe('OFFSET_OUT_OF_RANGE');

      // -1 stands for the high watermark.
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '-1' }] });
      expect((await admin.fetchTopicOffsets(topic))[0]).toMatchObject({ low: '5', high: '5' });
    });

    it('answers OFFSET_OUT_OF_RANGE to a fetch below the log start offset', async () => {
      const topic = unique('below-start');
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      await produce(topic, ['a', 'b', 'c']);
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '2' }] });
      const body = new ByteWriter()
        .int32(-1)
        .int32(100)
        .int32(1)
        .int32(1024 * 1024)
        .int8(0)
        .array([topic], (w, name) => {
          w.string(name).array([0], (pw, partition) => {
            pw.int32(partition)
              .int64(0)
              .int64(-1)
              .int32(1024 * 1024);
          });
        })
        .toBuffer();
      const reader = await rawRequest(getTarget().bootstrapAddress(), 1, 5, body);
      reader.int32();
      const [partition] = reader.array((r) => {
        r.string();
        return r.array((p) => ({ partition: p.int32(), errorCode: p.int16() }));
      })[0];
      expect(partition).toEqual({ partition: 0, errorCode: 1 });
    });
  });

  describe('DeleteGroups', () => {
    it('deletes an empty group with its committed offsets, refuses a live one, and knows unknown ones', async () => {
      const topic = unique('grouped');
      const groupId = unique('deletable');
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      await produce(topic, ['x']);
      const consumer = kafka().consumer({ groupId, maxWaitTimeInMs: 200, sessionTimeout: 6_000 });
      let read = 0;
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async () => void (read += 1) });
      await waitUntil('the group read its record', () => read === 1);
      await waitUntil('the group is stable', async () => {
        const [group] = (await admin.describeGroups([groupId])).groups;
        return group.state === 'Stable';
      });
      expect(await errorTypeOf(admin.deleteGroups([groupId]))).toBe('NON_EMPTY_GROUP');
      await consumer.disconnect();

      await waitUntil('the offset is committed', async () => {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return offsets.partitions[0].offset === '1';
      });
      expect(await admin.deleteGroups([groupId])).toEqual([
        expect.objectContaining({ groupId, errorCode: 0 }),
      ]);
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(offsets.partitions[0].offset).toBe('-1');
      expect(await errorTypeOf(admin.deleteGroups([groupId]))).toBe('GROUP_ID_NOT_FOUND');
      expect(await errorTypeOf(admin.deleteGroups([unique('never')]))).toBe('GROUP_ID_NOT_FOUND');
    }, 30_000);
  });

  describe('old request versions (raw)', () => {
    it('answers Metadata v0: an empty topic list means every topic', async () => {
      const topic = unique('meta-v0');
      await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
      const address = getTarget().bootstrapAddress();
      const named = readMetadataV0(
        await rawRequest(
          address,
          3,
          0,
          new ByteWriter().array([topic], (w, t) => w.string(t)).toBuffer(),
        ),
      );
      expect(named.brokers.map((b) => b.nodeId)).toEqual([brokerId]);
      expect(named.topics).toEqual([
        {
          errorCode: 0,
          name: topic,
          partitions: expect.arrayContaining([
            { partition: 0, leader: brokerId },
            { partition: 1, leader: brokerId },
          ]),
        },
      ]);
      const all = readMetadataV0(
        await rawRequest(address, 3, 0, new ByteWriter().array([], () => undefined).toBuffer()),
      );
      expect(all.topics.map((t) => t.name)).toContain(topic);
    });

    it('answers ListOffsets v0 with the old offsets array', async () => {
      const topic = unique('offsets-v0');
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      await produce(topic, ['a', 'b', 'c']);
      const listOffsets = async (timestamp: number, maxNumOffsets: number): Promise<number[]> => {
        const body = new ByteWriter()
          .int32(-1)
          .array([topic], (w, name) => {
            w.string(name).array([0], (pw, partition) => {
              pw.int32(partition).int64(timestamp).int32(maxNumOffsets);
            });
          })
          .toBuffer();
        const reader = await rawRequest(getTarget().bootstrapAddress(), 2, 0, body);
        const [[result]] = reader.array((r) => {
          r.string();
          return r.array((p) => ({
            partition: p.int32(),
            errorCode: p.int16(),
            offsets: p.array((o) => o.int64()),
          }));
        });
        expect(result.errorCode).toBe(0);
        return result.offsets;
      };
      expect(await listOffsets(-1, 1)).toEqual([3]);
      expect(await listOffsets(-1, 10)).toEqual([3, 0]);
      expect(await listOffsets(-2, 10)).toEqual([0]);
    });
  });
}
