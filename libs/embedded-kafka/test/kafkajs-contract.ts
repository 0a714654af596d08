import {
  CompressionTypes,
  Consumer,
  ConsumerConfig,
  EachMessagePayload,
  Kafka,
  KafkaConfig,
} from 'kafkajs';
import { createTopic, kafkajsClient, unique } from './kafkajs-client';
import { killableSockets } from './killable-sockets';
import { dropFirstProduceResponse } from './response-dropping-socket';
import { waitUntil } from './wait-until';

/** Something that speaks Kafka: the embedded broker or a real one. */
export interface KafkaTarget {
  bootstrapAddress(): string;
  /** Restarts the broker keeping its data; a target that cannot restart leaves it running. */
  restart(): Promise<void>;
}

interface ReceivedMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | undefined;
  readonly value: string | undefined;
  readonly headers: Record<string, string>;
}

function received({ partition, message }: EachMessagePayload): ReceivedMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString(),
    value: message.value?.toString(),
    headers,
  };
}

/** Group settings that keep rebalances fast and stay within what real Kafka accepts. */
const GROUP_SETTINGS = {
  sessionTimeout: 6_000,
  heartbeatInterval: 300,
  maxWaitTimeInMs: 500,
} as const;

/**
 * The same kafkajs scenarios against any target: the embedded broker must give
 * the answers a real Kafka gives.
 */
export function kafkajsContract(getTarget: () => KafkaTarget): void {
  const consumers: Consumer[] = [];
  const kafka = (config: Partial<KafkaConfig> = {}): Kafka =>
    kafkajsClient('contract', getTarget().bootstrapAddress(), 8, config);
  const consumer = (
    client: Kafka,
    groupId: string,
    maxWaitTimeInMs: number = GROUP_SETTINGS.maxWaitTimeInMs,
  ): Consumer => {
    const created = client.consumer({ groupId, ...GROUP_SETTINGS, maxWaitTimeInMs });
    consumers.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.disconnect().catch(() => undefined)));
  }, 30_000);

  it('creates, lists and deletes topics through the admin client', async () => {
    const admin = kafka().admin();
    await admin.connect();
    try {
      const topic = unique('admin');
      await expect(
        admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true }),
      ).resolves.toBe(true);
      await expect(admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).resolves.toBe(
        false,
      );
      expect(await admin.listTopics()).toContain(topic);
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(metadata.topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
      await admin.deleteTopics({ topics: [topic] });
      await waitUntil(
        'the deleted topic is no longer listed',
        async () => !(await admin.listTopics()).includes(topic),
      );
    } finally {
      await admin.disconnect();
    }
  });

  it('keeps keys, headers, partitions and gzip-compressed batches as produced', async () => {
    const topic = unique('produce');
    await createTopic(kafka(), topic, 3);
    const client = kafka();
    const producer = client.producer();
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `key-${i}`,
      value: `value-${i}`,
      partition: i % 3,
      headers: { 'trace-id': `trace-${i}`, kind: 'test' },
    }));
    await producer.send({ topic, compression: CompressionTypes.GZIP, messages: sent.slice(0, 15) });
    await producer.send({ topic, acks: 1, messages: sent.slice(15) });
    await producer.disconnect();

    const messages: ReceivedMessage[] = [];
    const reader = consumer(client, unique('produce-group'));
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({ eachMessage: async (payload) => void messages.push(received(payload)) });
    await waitUntil('all 30 messages are consumed', () => messages.length >= 30);

    expect(messages).toHaveLength(30);
    for (const message of sent) {
      expect(messages).toContainEqual(
        expect.objectContaining({
          key: message.key,
          value: message.value,
          partition: message.partition,
          headers: message.headers,
        }),
      );
    }
    for (const partition of [0, 1, 2]) {
      const offsets = messages
        .filter((m) => m.partition === partition)
        .map((m) => Number(m.offset));
      expect(offsets).toEqual(offsets.map((_, i) => i));
    }
  });

  it('shares partitions between two members of a group and hands them over when one leaves', async () => {
    const topic = unique('group');
    const groupId = unique('sharing');
    await createTopic(kafka(), topic, 4);
    const client = kafka();
    const assignments = new Map<Consumer, number[]>();
    const seenBy = new Map<Consumer, Set<string>>();
    const start = async (): Promise<Consumer> => {
      const member = consumer(client, groupId);
      member.on(member.events.GROUP_JOIN, ({ payload }) => {
        assignments.set(member, [...(payload.memberAssignment[topic] ?? [])].sort());
      });
      seenBy.set(member, new Set());
      await member.connect();
      await member.subscribe({ topic, fromBeginning: true });
      await member.run({
        eachMessage: async ({ message }) => void seenBy.get(member)?.add(String(message.value)),
      });
      return member;
    };
    const first = await start();
    await waitUntil(
      'the first member owns all partitions',
      () => assignments.get(first)?.length === 4,
    );
    const second = await start();
    await waitUntil(
      'both members own two partitions each',
      () => assignments.get(first)?.length === 2 && assignments.get(second)?.length === 2,
    );
    expect([...(assignments.get(first) ?? []), ...(assignments.get(second) ?? [])].sort()).toEqual([
      0, 1, 2, 3,
    ]);

    const admin = client.admin();
    await admin.connect();
    const { groups } = await admin.describeGroups([groupId]);
    expect(groups[0]).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer' });
    expect(groups[0].members).toHaveLength(2);
    const listed = await admin.listGroups();
    expect(listed.groups).toContainEqual({ groupId, protocolType: 'consumer' });
    await admin.disconnect();

    const producer = client.producer();
    await producer.connect();
    const firstRound = Array.from({ length: 8 }, (_, i) => ({
      value: `round1-${i}`,
      partition: i % 4,
    }));
    await producer.send({ topic, messages: firstRound });
    const seenCount = (): number => [...seenBy.values()].reduce((sum, seen) => sum + seen.size, 0);
    await waitUntil('both members together consumed the first round', () => seenCount() === 8);
    expect(seenBy.get(first)?.size).toBeGreaterThan(0);
    expect(seenBy.get(second)?.size).toBeGreaterThan(0);

    await second.disconnect();
    await waitUntil(
      'the remaining member owns all partitions again',
      () => assignments.get(first)?.length === 4,
    );
    await producer.send({
      topic,
      messages: Array.from({ length: 8 }, (_, i) => ({ value: `round2-${i}`, partition: i % 4 })),
    });
    await waitUntil('the remaining member consumed every partition of the second round', () =>
      Array.from({ length: 8 }, (_, i) => `round2-${i}`).every((value) =>
        seenBy.get(first)?.has(value),
      ),
    );
    await producer.disconnect();
  });

  it('hands the partitions of a member that dies without leaving to the others after its session times out', async () => {
    const topic = unique('dying');
    const groupId = unique('dying-group');
    await createTopic(kafka(), topic, 2);
    const assignments = new Map<string, number[]>();
    const start = async (
      name: string,
      client: Kafka,
      config: Partial<ConsumerConfig> = {},
    ): Promise<Consumer> => {
      const member = client.consumer({ groupId, ...GROUP_SETTINGS, ...config });
      consumers.push(member);
      member.on(member.events.GROUP_JOIN, ({ payload }) => {
        assignments.set(name, [...(payload.memberAssignment[topic] ?? [])].sort());
      });
      await member.connect();
      await member.subscribe({ topic, fromBeginning: true });
      await member.run({ eachMessage: async () => undefined });
      return member;
    };
    const mortal = killableSockets();
    await start('survivor', kafka());
    await waitUntil(
      'the survivor owns both partitions',
      () => assignments.get('survivor')?.length === 2,
    );
    await start('doomed', kafka({ socketFactory: mortal.socketFactory, retry: { retries: 0 } }), {
      retry: { retries: 0, restartOnFailure: async () => false },
    });
    await waitUntil(
      'each member owns one partition',
      () => assignments.get('survivor')?.length === 1 && assignments.get('doomed')?.length === 1,
    );
    mortal.kill();
    await waitUntil(
      'the survivor owns both partitions again',
      () => assignments.get('survivor')?.length === 2,
      30_000,
    );
  }, 45_000);

  it('resumes a group from its committed offset after the broker restarts', async () => {
    const topic = unique('resume');
    const groupId = unique('resume-group');
    await createTopic(kafka(), topic, 2);
    const producer = kafka().producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 10 }, (_, i) => ({ value: `before-${i}`, partition: i % 2 })),
    });
    await producer.disconnect();

    const before: string[] = [];
    const firstRun = consumer(kafka(), groupId);
    await firstRun.connect();
    await firstRun.subscribe({ topic, fromBeginning: true });
    await firstRun.run({
      autoCommit: false,
      eachMessage: async ({ message, partition }) => {
        before.push(String(message.value));
        await firstRun.commitOffsets([
          { topic, partition, offset: String(Number(message.offset) + 1) },
        ]);
      },
    });
    await waitUntil('the first run consumed and committed all 10', () => before.length === 10);
    await firstRun.disconnect();

    await getTarget().restart();

    const client = kafka();
    const admin = client.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed[0].partitions.map((p) => p.offset).sort()).toEqual(['5', '5']);
    await admin.disconnect();

    const after = client.producer();
    await after.connect();
    await after.send({
      topic,
      messages: [
        { value: 'after-0', partition: 0 },
        { value: 'after-1', partition: 1 },
      ],
    });
    await after.disconnect();

    const resumed: string[] = [];
    const secondRun = consumer(client, groupId);
    await secondRun.connect();
    await secondRun.subscribe({ topic, fromBeginning: true });
    await secondRun.run({
      eachMessage: async ({ message }) => void resumed.push(String(message.value)),
    });
    await waitUntil('the resumed group consumed the two new messages', () => resumed.length >= 2);
    expect(resumed.sort()).toEqual(['after-0', 'after-1']);
  });

  it('delivers a live message to a long-polling consumer before its poll times out', async () => {
    const topic = unique('live');
    await createTopic(kafka(), topic, 1);
    const client = kafka();
    const deliveredAt: number[] = [];
    let joined = false;
    const reader = consumer(client, unique('live-group'), 5_000);
    reader.on(reader.events.GROUP_JOIN, () => {
      joined = true;
    });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: false });
    await reader.run({ eachMessage: async () => void deliveredAt.push(Date.now()) });
    await waitUntil('the consumer joined', () => joined);
    // Let the consumer settle into a long poll on the empty partition first.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const producer = client.producer();
    await producer.connect();
    const sentAt = Date.now();
    await producer.send({ topic, messages: [{ value: 'live' }] });
    await waitUntil('the live message arrived', () => deliveredAt.length === 1);
    expect(deliveredAt[0] - sentAt).toBeLessThan(2_000);
    // One more message ends the consumer's next long poll, so that it stops at once.
    const stopped = reader.disconnect();
    await producer.send({ topic, messages: [{ value: 'wake' }] });
    await Promise.all([stopped, producer.disconnect()]);
  });

  it('stores a retried idempotent produce once', async () => {
    const topic = unique('idempotent');
    await createTopic(kafka(), topic, 1);
    const dropping = dropFirstProduceResponse();
    const producer = kafka({ socketFactory: dropping.socketFactory }).producer({
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ value: 'once-1' }, { value: 'once-2' }] });
    await producer.send({ topic, acks: -1, messages: [{ value: 'once-3' }] });
    await producer.disconnect();
    expect(dropping.dropped()).toBe(true);

    const values: string[] = [];
    const reader = consumer(kafka(), unique('idempotent-group'));
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => void values.push(String(message.value)),
    });
    await waitUntil('the three messages arrived', () => values.length >= 3);
    const admin = kafka().admin();
    await admin.connect();
    const [latest] = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(latest.high).toBe('3');
    expect(values).toEqual(['once-1', 'once-2', 'once-3']);
  });
}
