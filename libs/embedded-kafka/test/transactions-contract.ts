import { Consumer, Kafka, Producer, ProducerConfig } from 'kafkajs';
import { createTopic, kafkajsClient, unique } from './kafkajs-client';
import { KafkaTarget } from './kafkajs-contract';
import { waitUntil } from './wait-until';

/** How long a read_committed consumer is given to (wrongly) see what it must not see. */
const QUIET_MS = 1_500;

/** The Kafka error type a kafkajs call failed with, looking through retry wrappers. */
function errorType(error: unknown): string | undefined {
  let current: unknown = error;
  while (typeof current === 'object' && current !== null) {
    const { type, originalError } = current as { type?: unknown; originalError?: unknown };
    if (typeof type === 'string') return type;
    current = originalError;
  }
  return undefined;
}

async function failureOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return errorType(error) ?? String(error);
  }
  return 'no error';
}

/**
 * Kafka transactions through kafkajs (transactional producer, read_committed
 * and read_uncommitted consumers, sendOffsets), the same on any target. The
 * target's coordinator must abort timed-out transactions within a few seconds
 * (Kafka's `transaction.abort.timed.out.transaction.cleanup.interval.ms`).
 */
export function transactionsContract(getTarget: () => KafkaTarget): void {
  const clients: (Consumer | Producer)[] = [];
  const kafka = (): Kafka =>
    kafkajsClient('transactions-contract', getTarget().bootstrapAddress(), 8);
  const transactionalProducer = async (
    transactionalId: string,
    config: Partial<ProducerConfig> = {},
  ): Promise<Producer> => {
    const producer = kafka().producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      ...config,
    });
    clients.push(producer);
    await producer.connect();
    return producer;
  };
  const plainProducer = async (): Promise<Producer> => {
    const producer = kafka().producer();
    clients.push(producer);
    await producer.connect();
    return producer;
  };
  /** A consumer reading the topic from the start; its values arrive in the returned array. */
  const consume = async (topic: string, readUncommitted: boolean): Promise<string[]> => {
    const values: string[] = [];
    const consumer = kafka().consumer({
      groupId: unique('txn-reader'),
      readUncommitted,
      sessionTimeout: 6_000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 200,
    });
    clients.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void values.push(String(message.value)),
    });
    return values;
  };
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect().catch(() => undefined)));
  }, 30_000);

  it('delivers committed transactions and never aborted ones to read_committed consumers', async () => {
    const topic = unique('txn');
    await createTopic(kafka(), topic, 2);
    const producer = await transactionalProducer(unique('txn-id'));

    const aborted = await producer.transaction();
    await aborted.send({
      topic,
      messages: [
        { value: 'aborted-1', partition: 0 },
        { value: 'aborted-2', partition: 1 },
      ],
    });
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send({
      topic,
      messages: [
        { value: 'committed-1', partition: 0 },
        { value: 'committed-2', partition: 1 },
      ],
    });
    await committed.send({ topic, messages: [{ value: 'committed-3', partition: 0 }] });
    await committed.commit();
    const plain = await plainProducer();
    await plain.send({ topic, messages: [{ value: 'plain', partition: 0 }] });

    const readCommitted = await consume(topic, false);
    const readUncommitted = await consume(topic, true);
    await waitUntil('read_committed consumer reads up to the plain message', () =>
      readCommitted.includes('plain'),
    );
    await waitUntil('read_uncommitted consumer reads up to the plain message', () =>
      readUncommitted.includes('plain'),
    );
    await sleep(QUIET_MS);
    expect([...readCommitted].sort()).toEqual([
      'committed-1',
      'committed-2',
      'committed-3',
      'plain',
    ]);
    expect([...readUncommitted].sort()).toEqual([
      'aborted-1',
      'aborted-2',
      'committed-1',
      'committed-2',
      'committed-3',
      'plain',
    ]);
  }, 60_000);

  it('holds read_committed consumers at the first offset of an open transaction', async () => {
    const topic = unique('txn-lso');
    await createTopic(kafka(), topic, 1);
    const plain = await plainProducer();
    await plain.send({ topic, messages: [{ value: 'before-1' }, { value: 'before-2' }] });
    const producer = await transactionalProducer(unique('txn-id'));
    const open = await producer.transaction();
    await open.send({ topic, messages: [{ value: 'in-transaction' }] });
    await plain.send({ topic, messages: [{ value: 'after-open' }] });

    const admin = kafka().admin();
    await admin.connect();
    try {
      // kafkajs's admin lists offsets read_committed: the latest offset is the last stable one.
      const [whileOpen] = await admin.fetchTopicOffsets(topic);
      expect(whileOpen.high).toBe('2');

      const readCommitted = await consume(topic, false);
      const readUncommitted = await consume(topic, true);
      await waitUntil('read_uncommitted consumer sees the open transaction', () =>
        readUncommitted.includes('after-open'),
      );
      await waitUntil('read_committed consumer reads the records before it', () =>
        readCommitted.includes('before-2'),
      );
      await sleep(QUIET_MS);
      expect(readCommitted).toEqual(['before-1', 'before-2']);

      await open.commit();
      await waitUntil('read_committed consumer reads past the committed transaction', () =>
        readCommitted.includes('after-open'),
      );
      expect(readCommitted).toEqual(['before-1', 'before-2', 'in-transaction', 'after-open']);
      // Data 0–3 and the commit marker at 4.
      const [afterCommit] = await admin.fetchTopicOffsets(topic);
      expect(afterCommit.high).toBe('5');
    } finally {
      await admin.disconnect();
    }
  }, 60_000);

  it('commits consumer offsets sent within a transaction only when it commits', async () => {
    const input = unique('txn-input');
    const output = unique('txn-output');
    await createTopic(kafka(), input, 1);
    await createTopic(kafka(), output, 1);
    const groupId = unique('txn-group');
    const admin = kafka().admin();
    await admin.connect();
    const committedOffset = async (): Promise<string> => {
      const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [input] });
      return partitions[0].offset;
    };
    try {
      const producer = await transactionalProducer(unique('txn-id'));
      const first = await producer.transaction();
      await first.send({ topic: output, messages: [{ value: 'transformed-0' }] });
      await first.sendOffsets({
        consumerGroupId: groupId,
        topics: [{ topic: input, partitions: [{ partition: 0, offset: '3' }] }],
      });
      expect(await committedOffset()).toBe('-1');
      await first.commit();
      expect(await committedOffset()).toBe('3');

      const second = await producer.transaction();
      await second.send({ topic: output, messages: [{ value: 'transformed-1' }] });
      await second.sendOffsets({
        consumerGroupId: groupId,
        topics: [{ topic: input, partitions: [{ partition: 0, offset: '7' }] }],
      });
      await second.abort();
      expect(await committedOffset()).toBe('3');
    } finally {
      await admin.disconnect();
    }
    const outputs = await consume(output, false);
    await waitUntil('the committed output is read', () => outputs.length >= 1);
    await sleep(QUIET_MS);
    expect(outputs).toEqual(['transformed-0']);
  }, 60_000);

  it('fences a producer once another one initialises the same transactional id', async () => {
    const topic = unique('txn-fence');
    await createTopic(kafka(), topic, 1);
    const transactionalId = unique('txn-id');
    const zombie = await transactionalProducer(transactionalId);
    const zombieTransaction = await zombie.transaction();
    await zombieTransaction.send({ topic, messages: [{ value: 'zombie-1' }] });

    // kafkajs asks for the producer id (InitProducerId) when its first transaction begins.
    const successor = await transactionalProducer(transactionalId);
    const transaction = await successor.transaction();
    expect(
      await failureOf(zombieTransaction.send({ topic, messages: [{ value: 'zombie-2' }] })),
    ).toBe('INVALID_PRODUCER_EPOCH');
    expect(await failureOf(zombieTransaction.commit())).toBe('INVALID_PRODUCER_EPOCH');

    await transaction.send({ topic, messages: [{ value: 'successor' }] });
    await transaction.commit();

    const readCommitted = await consume(topic, false);
    await waitUntil('the successor’s record is read', () => readCommitted.includes('successor'));
    await sleep(QUIET_MS);
    expect(readCommitted).toEqual(['successor']);
  }, 60_000);

  it('aborts a transaction older than its timeout and fences its producer', async () => {
    const topic = unique('txn-timeout');
    await createTopic(kafka(), topic, 1);
    const producer = await transactionalProducer(unique('txn-id'), {
      transactionTimeout: 1_000,
    });
    const transaction = await producer.transaction();
    await transaction.send({ topic, messages: [{ value: 'timed-out' }] });
    const plain = await plainProducer();
    await plain.send({ topic, messages: [{ value: 'after-timeout' }] });

    const readCommitted = await consume(topic, false);
    await waitUntil(
      'the coordinator aborts the transaction and the record after it becomes readable',
      () => readCommitted.includes('after-timeout'),
      30_000,
    );
    expect(readCommitted).toEqual(['after-timeout']);
    expect(await failureOf(transaction.commit())).toBe('INVALID_PRODUCER_EPOCH');
  }, 60_000);

  it('refuses a transaction timeout above the broker maximum', async () => {
    const producer = kafka().producer({
      transactionalId: unique('txn-id'),
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 15 * 60 * 1000 + 1,
    });
    clients.push(producer);
    await producer.connect();
    expect(await failureOf(producer.transaction())).toBe('INVALID_TRANSACTION_TIMEOUT');
  });
}
