import { Producer } from 'kafkajs';
import { brokerProcesses } from './broker-processes';
import { createTopic, kafkajsClient } from './kafkajs-client';
import { waitUntil } from './wait-until';

const TOPIC = 'txn-crash';
const PARTITIONS = 2;
const PER_TRANSACTION = 10;
/** Short, so that the broker aborts what the kill left open soon after restarting (its sweep runs every 10 s). */
const TRANSACTION_TIMEOUT_MS = 3_000;

describe('embedded broker transactions across SIGKILL', () => {
  const brokers = brokerProcesses('kafka-txn-crash');

  it('keeps every committed transaction whole and never shows an unfinished one to read_committed consumers', async () => {
    const crashed = await brokers.start();
    const before = kafkajsClient('txn-crash-test', crashed.bootstrapAddress, 1);
    await createTopic(before, TOPIC, PARTITIONS);
    const transactional = (transactionalId: string): Producer =>
      before.producer({
        transactionalId,
        idempotent: true,
        maxInFlightRequests: 1,
        transactionTimeout: TRANSACTION_TIMEOUT_MS,
      });

    const committed = new Set<number>();
    let stopped = false;
    const looping = transactional('crash-loop');
    await looping.connect();
    const loop = (async (): Promise<void> => {
      for (let n = 0; !stopped; n++) {
        try {
          const transaction = await looping.transaction();
          await transaction.send({
            topic: TOPIC,
            messages: Array.from({ length: PER_TRANSACTION }, (_, i) => ({
              value: `txn${n}-${i}`,
              partition: i % PARTITIONS,
            })),
          });
          await transaction.commit();
        } catch {
          return;
        }
        committed.add(n);
      }
    })();
    await waitUntil('dozens of transactions are committed', () => committed.size >= 30);

    const open = transactional('crash-open');
    await open.connect();
    const openTransaction = await open.transaction();
    await openTransaction.send({
      topic: TOPIC,
      messages: Array.from({ length: PARTITIONS }, (_, i) => ({
        value: `open-${i}`,
        partition: i,
      })),
    });
    await crashed.process.stop('SIGKILL');
    stopped = true;
    await loop;
    await Promise.all([looping, open].map((p) => p.disconnect().catch(() => undefined)));
    const committedAtCrash = new Set(committed);

    const restarted = await brokers.start();
    const after = kafkajsClient('txn-crash-test', restarted.bootstrapAddress, 1);
    const plain = after.producer();
    await plain.connect();
    await plain.send({
      topic: TOPIC,
      messages: Array.from({ length: PARTITIONS }, (_, i) => ({
        value: `after-${i}`,
        partition: i,
      })),
    });
    await plain.disconnect();

    const read: string[] = [];
    const reader = after.consumer({ groupId: 'txn-crash-reader', maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic: TOPIC, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void read.push(String(message.value)) });
    // The records after the transactions left open become readable once the broker aborted those.
    await waitUntil(
      'the records produced after the restart are read',
      () =>
        Array.from({ length: PARTITIONS }, (_, i) => `after-${i}`).every((v) => read.includes(v)),
      40_000,
    );
    await reader.disconnect();

    expect(read.filter((value) => value.startsWith('open-'))).toEqual([]);
    const perTransaction = new Map<number, number>();
    for (const value of read) {
      const match = /^txn(\d+)-\d+$/.exec(value);
      if (match)
        perTransaction.set(Number(match[1]), (perTransaction.get(Number(match[1])) ?? 0) + 1);
    }
    for (const n of committedAtCrash) expect(perTransaction.get(n)).toBe(PER_TRANSACTION);
    // A transaction the kill interrupted is there whole (its commit was prepared) or not at all.
    for (const count of perTransaction.values()) expect(count).toBe(PER_TRANSACTION);
  }, 120_000);
});
