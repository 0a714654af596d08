import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { ByteWriter } from '../src/protocol/byte-writer';
import { FlushScheduler } from '../src/storage/flush-scheduler';
import { TransactionLog, TransactionState } from '../src/transactions/transaction-log';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { RawKafkaClient } from './raw-kafka-client';
import {
  READ_COMMITTED,
  TransactionWire,
  transactionWire,
  TXN_OFFSET_COMMIT,
} from './transaction-wire';
import { waitUntil } from './wait-until';

const ADD_OFFSETS_TO_TXN = 25;

/**
 * What a crash leaves behind, set up by hand: the transaction state file is
 * rewritten as it would be had the broker died right after EndTxn's prepare
 * record was synced, before or after the markers.
 */
async function rewriteState(
  dataDir: string,
  transactionalId: string,
  state: TransactionState,
): Promise<void> {
  const flusher = new FlushScheduler();
  const log = new TransactionLog(dataDir, flusher);
  try {
    const record = log.latest.get(transactionalId);
    if (record === undefined) throw new Error(`no state for ${transactionalId}`);
    await log.write({ ...record, state });
  } finally {
    log.close();
  }
}

describe('embedded broker transaction recovery', () => {
  let dataDir: string;
  let broker: KafkaBroker | undefined;
  let client: RawKafkaClient | undefined;
  let wire: TransactionWire;

  const start = async (transactionAbortIntervalMs = 10_000): Promise<void> => {
    broker = await startKafkaBroker({
      port: 0,
      dataDir,
      transactionAbortIntervalMs,
      logError: () => undefined,
    });
    client = await RawKafkaClient.connect(broker.port);
    wire = transactionWire(client);
  };
  const stop = async (): Promise<void> => {
    client?.close();
    await broker?.close();
    broker = undefined;
  };

  beforeEach(async () => {
    dataDir = await makeTempDir('kafka-txn-recovery');
  });

  afterEach(async () => {
    await stop();
    await removeTempDir(dataDir);
  });

  /** Opens a transaction writing two records to each topic and an offset for group "g". */
  const openTransaction = async (
    transactionalId: string,
    topics: string[],
    timeoutMs = 60_000,
  ): Promise<{ producerId: number; producerEpoch: number }> => {
    for (const topic of topics) await wire.createTopic(topic);
    const { producerId, producerEpoch } = await wire.initProducerId(transactionalId, timeoutMs);
    expect(await wire.addPartitions(transactionalId, producerId, producerEpoch, topics)).toEqual(
      topics.map(() => 0),
    );
    for (const topic of topics) {
      const batch = wire.batch(producerId, producerEpoch, 0, ['one', 'two']);
      expect((await wire.produce(topic, transactionalId, batch)).errorCode).toBe(0);
    }
    const addOffsets = await wire.call(
      ADD_OFFSETS_TO_TXN,
      1,
      new ByteWriter()
        .string(transactionalId)
        .int64(producerId)
        .int16(producerEpoch)
        .string('g')
        .toBuffer(),
    );
    addOffsets.int32();
    expect(addOffsets.int16()).toBe(0);
    await wire.call(
      TXN_OFFSET_COMMIT,
      1,
      new ByteWriter()
        .string(transactionalId)
        .string('g')
        .int64(producerId)
        .int16(producerEpoch)
        .array([topics[0]], (w, topic) => {
          w.string(topic).array([0], (pw) => void pw.int32(0).int64(2).nullableString(null));
        })
        .toBuffer(),
    );
    return { producerId, producerEpoch };
  };

  const committedOffset = async (topic: string): Promise<string> => {
    const kafka = new Kafka({ brokers: [broker!.bootstrapAddress], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [{ partitions }] = await admin.fetchOffsets({ groupId: 'g', topics: [topic] });
      return partitions[0].offset;
    } finally {
      await admin.disconnect();
    }
  };

  it('completes a commit prepared before a crash, writing each marker once', async () => {
    await start();
    const topics = ['prepared-a', 'prepared-b'];
    const { producerId, producerEpoch } = await openTransaction('prepared', topics);
    await stop();
    await rewriteState(dataDir, 'prepared', 'PrepareCommit');

    await start();
    for (const topic of topics) {
      const fetched = await wire.fetch(topic, READ_COMMITTED);
      expect(fetched).toMatchObject({ highWatermark: 3, lastStableOffset: 3, offsets: [0, 2] });
      expect(fetched.abortedTransactions).toEqual([]);
    }
    expect(await committedOffset('prepared-a')).toBe('2');
    // The transaction is complete: a retried EndTxn gets NONE.
    expect(await wire.endTxn('prepared', producerId, producerEpoch, true)).toBe(0);

    await stop();
    await start();
    for (const topic of topics)
      expect((await wire.fetch(topic, READ_COMMITTED)).highWatermark).toBe(3);
  });

  it('writes no second marker when the crash came after the markers but before the completion record', async () => {
    await start();
    const { producerId, producerEpoch } = await openTransaction('marked', ['marked']);
    expect(await wire.endTxn('marked', producerId, producerEpoch, false)).toBe(0);
    await stop();
    await rewriteState(dataDir, 'marked', 'PrepareAbort');

    await start();
    const fetched = await wire.fetch('marked', READ_COMMITTED);
    expect(fetched).toMatchObject({ highWatermark: 3, lastStableOffset: 3, offsets: [0, 2] });
    expect(fetched.abortedTransactions).toEqual([{ producerId, firstOffset: 0 }]);
    expect(await committedOffset('marked')).toBe('-1');
  });

  it('aborts a transaction left open across a restart once its timeout has passed', async () => {
    await start();
    const { producerId, producerEpoch } = await openTransaction('left-open', ['left-open'], 1_500);
    await stop();

    await start(200);
    const held = await wire.fetch('left-open', READ_COMMITTED);
    expect(held).toMatchObject({ highWatermark: 2, lastStableOffset: 0, offsets: [] });
    await waitUntil('the coordinator aborts the transaction', async () => {
      const fetched = await wire.fetch('left-open', READ_COMMITTED);
      return fetched.lastStableOffset === fetched.highWatermark;
    });
    const fetched = await wire.fetch('left-open', READ_COMMITTED);
    expect(fetched.abortedTransactions).toEqual([{ producerId, firstOffset: 0 }]);
    expect(await wire.endTxn('left-open', producerId, producerEpoch, true)).toBe(47);
    expect(await committedOffset('left-open')).toBe('-1');
  });
});
