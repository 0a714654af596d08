import { Kafka, logLevel, Producer } from 'kafkajs';
import { DevstackProcess, startDevstackProcess } from '../../../test/support/devstack-process';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { waitUntil } from './wait-until';

const TOPIC = 'txn-crash';
const PARTITIONS = 2;
const PER_TRANSACTION = 10;
/** Short, so that the broker aborts what the kill left open soon after restarting (its sweep runs every 10 s). */
const TRANSACTION_TIMEOUT_MS = 3_000;

function client(devstack: DevstackProcess): Kafka {
  return new Kafka({
    clientId: 'txn-crash-test',
    brokers: [devstack.kafkaBootstrapAddress ?? ''],
    logLevel: logLevel.NOTHING,
    retry: { retries: 1, initialRetryTime: 100 },
  });
}

describe('embedded broker transactions across SIGKILL', () => {
  let dataDir: string;
  let devstack: DevstackProcess | undefined;

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-txn-crash');
  });

  afterAll(async () => {
    await devstack?.stop('SIGKILL');
    await removeTempDir(dataDir);
  });

  it('keeps every committed transaction whole and never shows an unfinished one to read_committed consumers', async () => {
    devstack = await startDevstackProcess({ dataDir, kafkaPort: 0 });
    const before = client(devstack);
    const admin = before.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: TOPIC, numPartitions: PARTITIONS }],
      waitForLeaders: true,
    });
    await admin.disconnect();
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
    await devstack.stop('SIGKILL');
    stopped = true;
    await loop;
    await Promise.all([looping, open].map((p) => p.disconnect().catch(() => undefined)));
    const committedAtCrash = new Set(committed);

    devstack = await startDevstackProcess({ dataDir, kafkaPort: 0 });
    const after = client(devstack);
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
