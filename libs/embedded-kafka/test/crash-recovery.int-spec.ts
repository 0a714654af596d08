import { Producer } from 'kafkajs';
import { brokerProcesses } from './broker-processes';
import { createTopic, kafkajsClient } from './kafkajs-client';
import { waitUntil } from './wait-until';

const TOPIC = 'crash-load';
const PARTITIONS = 2;
const GROUP = 'crash-committer';

describe('embedded broker crash recovery (SIGKILL under load)', () => {
  const brokers = brokerProcesses('kafka-crash');

  it('keeps every acknowledged record and committed offset and accepts produce afterwards', async () => {
    const crashed = await brokers.start();
    const before = kafkajsClient('crash-test', crashed.bootstrapAddress, 0);
    await createTopic(before, TOPIC, PARTITIONS);

    const acknowledged = new Set<string>();
    const committed = new Map<number, number>();
    let stopped = false;
    const producers: Producer[] = [];
    const produceLoop = async (loop: number): Promise<void> => {
      const producer = before.producer();
      producers.push(producer);
      await producer.connect();
      for (let batch = 0; !stopped; batch++) {
        const values = Array.from({ length: 20 }, (_, i) => `loop${loop}-batch${batch}-${i}`);
        try {
          await producer.send({
            topic: TOPIC,
            acks: -1,
            messages: values.map((value, i) => ({ value, partition: i % PARTITIONS })),
          });
        } catch {
          return;
        }
        for (const value of values) acknowledged.add(value);
      }
    };
    const committer = before.consumer({ groupId: GROUP, maxWaitTimeInMs: 100 });
    // kafkajs resolves commitOffsets without committing once the consumer has
    // crashed, so acknowledged commits are taken from its COMMIT_OFFSETS event,
    // which fires only after the broker answered.
    committer.on(committer.events.COMMIT_OFFSETS, ({ payload }) => {
      for (const { partitions } of payload.topics) {
        for (const { partition, offset } of partitions) {
          const number = Number(partition);
          committed.set(number, Math.max(committed.get(number) ?? 0, Number(offset)));
        }
      }
    });
    const commitLoop = async (): Promise<void> => {
      await committer.connect();
      await committer.subscribe({ topic: TOPIC, fromBeginning: true });
      await committer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const next = Number(batch.lastOffset()) + 1;
          await committer
            .commitOffsets([{ topic: TOPIC, partition: batch.partition, offset: String(next) }])
            .catch(() => undefined);
        },
      });
    };
    const loops = [0, 1, 2, 3].map((loop) => produceLoop(loop));
    await commitLoop();
    await waitUntil(
      'thousands of records and some offsets are acknowledged',
      () => acknowledged.size >= 4_000 && committed.size === PARTITIONS,
    );

    await crashed.process.stop('SIGKILL');
    stopped = true;
    await Promise.all(loops);
    await Promise.all([committer, ...producers].map((c) => c.disconnect().catch(() => undefined)));
    const acknowledgedAtCrash = new Set(acknowledged);
    const committedAtCrash = new Map(committed);

    const restarted = await brokers.start();
    const after = kafkajsClient('crash-test', restarted.bootstrapAddress, 5);
    const verifier = after.admin();
    await verifier.connect();
    const offsets = await verifier.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
    for (const { partition, offset } of offsets[0].partitions) {
      expect(Number(offset)).toBeGreaterThanOrEqual(committedAtCrash.get(partition) ?? 0);
    }
    const highWatermarks = await verifier.fetchTopicOffsets(TOPIC);
    const stored = highWatermarks.reduce((sum, p) => sum + Number(p.high), 0);
    expect(stored).toBeGreaterThanOrEqual(acknowledgedAtCrash.size);

    const producer = after.producer();
    await producer.connect();
    await producer.send({
      topic: TOPIC,
      acks: -1,
      messages: [{ value: 'after-restart', partition: 0 }],
    });
    await producer.disconnect();

    const read = new Set<string>();
    const reader = after.consumer({ groupId: 'crash-verifier', maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic: TOPIC, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void read.add(String(message.value)) });
    await waitUntil('every stored record was read back', () => read.size >= stored + 1, 40_000);
    await reader.disconnect();
    await verifier.disconnect();

    const lost = [...acknowledgedAtCrash].filter((value) => !read.has(value));
    expect(lost).toEqual([]);
    expect(read.has('after-restart')).toBe(true);
  }, 90_000);
});
