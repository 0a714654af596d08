import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { ByteWriter } from '../src/protocol/byte-writer';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { RawKafkaClient } from './raw-kafka-client';
import { buildRecordBatch } from './record-batch-builder';
import {
  READ_COMMITTED,
  READ_UNCOMMITTED,
  TransactionWire,
  transactionWire,
  TXN_OFFSET_COMMIT,
} from './transaction-wire';

/** The wire-level rules kafkajs does not exercise on its own (it always adds partitions first). */
describe('embedded broker transactions on the wire', () => {
  let dataDir: string;
  let broker: KafkaBroker;
  let client: RawKafkaClient;
  let wire: TransactionWire;

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-txn-wire');
    broker = await startKafkaBroker({ port: 0, dataDir, logError: () => undefined });
    client = await RawKafkaClient.connect(broker.port);
    wire = transactionWire(client);
  });

  afterAll(async () => {
    client.close();
    await broker.close();
    await removeTempDir(dataDir);
  });

  it('bumps the epoch of a transactional id and validates the timeout', async () => {
    const first = await wire.initProducerId('wire-epoch');
    expect(first).toMatchObject({ errorCode: 0, producerEpoch: 0 });
    const second = await wire.initProducerId('wire-epoch');
    expect(second).toEqual({ errorCode: 0, producerId: first.producerId, producerEpoch: 1 });
    expect((await wire.initProducerId('wire-epoch', 15 * 60 * 1000 + 1)).errorCode).toBe(50);
    expect((await wire.initProducerId('wire-epoch', 0)).errorCode).toBe(50);
    expect((await wire.initProducerId('')).errorCode).toBe(42);
  });

  it('refuses a transactional produce to a partition not added to the transaction', async () => {
    await wire.createTopic('wire-unadded');
    const { producerId, producerEpoch } = await wire.initProducerId('wire-unadded');
    const refused = await wire.produce(
      'wire-unadded',
      'wire-unadded',
      wire.batch(producerId, producerEpoch, 0, ['x']),
    );
    expect(refused.errorCode).toBe(48);
    // Without a transactional id a transactional batch is not taken either.
    expect(
      (await wire.produce('wire-unadded', null, wire.batch(producerId, producerEpoch, 0, ['x'])))
        .errorCode,
    ).toBe(42);
    expect(
      await wire.addPartitions('wire-unadded', producerId, producerEpoch, [
        'wire-unadded',
        'no-such-topic',
      ]),
    ).toEqual([55, 3]);
    expect((await wire.fetch('wire-unadded', READ_UNCOMMITTED)).highWatermark).toBe(0);
  });

  it('answers EndTxn errors as Kafka does for v0–1', async () => {
    const { producerId, producerEpoch } = await wire.initProducerId('wire-errors');
    expect(await wire.endTxn('wire-errors', producerId + 1, producerEpoch, true)).toBe(49);
    expect(await wire.endTxn('wire-unknown', producerId, producerEpoch, true)).toBe(49);
    expect(await wire.endTxn('wire-errors', producerId, producerEpoch, true)).toBe(48);
    await wire.initProducerId('wire-errors');
    expect(await wire.endTxn('wire-errors', producerId, producerEpoch, true)).toBe(47);
  });

  it('keeps read_committed fetches and ListOffsets at the last stable offset and lists aborted transactions', async () => {
    const topic = 'wire-lso';
    await wire.createTopic(topic);
    expect(
      (await wire.produce(topic, null, buildRecordBatch([{ value: 'plain' }]))).errorCode,
    ).toBe(0);
    const { producerId, producerEpoch } = await wire.initProducerId('wire-lso');
    expect(await wire.addPartitions('wire-lso', producerId, producerEpoch, [topic])).toEqual([0]);
    expect(
      await wire.produce(topic, 'wire-lso', wire.batch(producerId, producerEpoch, 0, ['a', 'b'])),
    ).toEqual({ errorCode: 0, baseOffset: 1 });
    expect(
      (await wire.produce(topic, null, buildRecordBatch([{ value: 'after' }]))).baseOffset,
    ).toBe(3);

    const open = await wire.fetch(topic, READ_COMMITTED);
    expect(open).toMatchObject({ highWatermark: 4, lastStableOffset: 1, offsets: [0] });
    expect(open.abortedTransactions).toEqual([]);
    const uncommitted = await wire.fetch(topic, READ_UNCOMMITTED);
    expect(uncommitted).toMatchObject({
      highWatermark: 4,
      lastStableOffset: 1,
      abortedTransactions: null,
      offsets: [0, 1, 3],
    });
    expect(await wire.latestOffset(topic, READ_COMMITTED)).toBe(1);
    expect(await wire.latestOffset(topic, READ_UNCOMMITTED)).toBe(4);

    expect(await wire.endTxn('wire-lso', producerId, producerEpoch, false)).toBe(0);
    // A retried EndTxn whose answer was lost gets NONE again.
    expect(await wire.endTxn('wire-lso', producerId, producerEpoch, false)).toBe(0);
    const aborted = await wire.fetch(topic, READ_COMMITTED);
    expect(aborted).toMatchObject({ highWatermark: 5, lastStableOffset: 5, offsets: [0, 1, 3, 4] });
    expect(aborted.abortedTransactions).toEqual([{ producerId, firstOffset: 1 }]);
    expect(await wire.latestOffset(topic, READ_COMMITTED)).toBe(5);

    // The next transaction of the same epoch goes on with the sequence; a commit lists nothing as aborted.
    expect(await wire.addPartitions('wire-lso', producerId, producerEpoch, [topic])).toEqual([0]);
    expect(
      (await wire.produce(topic, 'wire-lso', wire.batch(producerId, producerEpoch, 2, ['c'])))
        .errorCode,
    ).toBe(0);
    expect(await wire.endTxn('wire-lso', producerId, producerEpoch, true)).toBe(0);
    const committed = await wire.fetch(topic, READ_COMMITTED);
    expect(committed).toMatchObject({ highWatermark: 7, lastStableOffset: 7 });
    expect(committed.abortedTransactions).toEqual([{ producerId, firstOffset: 1 }]);
  });

  it('fences the old epoch on the partition once a new producer takes the transactional id', async () => {
    const topic = 'wire-fence';
    await wire.createTopic(topic);
    const old = await wire.initProducerId('wire-fence');
    await wire.addPartitions('wire-fence', old.producerId, old.producerEpoch, [topic]);
    await wire.produce(
      topic,
      'wire-fence',
      wire.batch(old.producerId, old.producerEpoch, 0, ['old']),
    );
    const successor = await wire.initProducerId('wire-fence');
    // The open transaction was aborted with a bumped epoch, and a new one given out.
    expect(successor.producerEpoch).toBeGreaterThan(old.producerEpoch + 1);
    const fetched = await wire.fetch(topic, READ_COMMITTED);
    expect(fetched.lastStableOffset).toBe(fetched.highWatermark);
    expect(fetched.abortedTransactions).toEqual([{ producerId: old.producerId, firstOffset: 0 }]);
    expect(
      (
        await wire.produce(
          topic,
          'wire-fence',
          wire.batch(old.producerId, old.producerEpoch, 1, ['late']),
        )
      ).errorCode,
    ).toBe(47);
    expect(
      await wire.addPartitions('wire-fence', old.producerId, old.producerEpoch, [topic]),
    ).toEqual([47]);
  });

  it('takes TxnOffsetCommit only from a transaction that added the group', async () => {
    await wire.createTopic('wire-offsets');
    const { producerId, producerEpoch } = await wire.initProducerId('wire-offsets');
    const reader = await wire.call(
      TXN_OFFSET_COMMIT,
      2,
      new ByteWriter()
        .string('wire-offsets')
        .string('wire-group')
        .int64(producerId)
        .int16(producerEpoch)
        .array(['wire-offsets', 'no-such-topic'], (w, topic) => {
          w.string(topic).array(
            [0],
            (pw) => void pw.int32(0).int64(5).int32(-1).nullableString(null),
          );
        })
        .toBuffer(),
    );
    reader.int32();
    const errors = reader.array((r) => {
      r.string();
      return r.array((p) => {
        p.int32();
        return p.int16();
      });
    });
    expect(errors).toEqual([[48], [3]]);
  });
});
