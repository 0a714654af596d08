import {
  ControlType,
  buildControlBatch,
  controlTypeOf,
  hasValidCrc,
  readBatchHeader,
} from '../src/record-batch';
import { PartitionTransactions } from '../src/storage/partition-transactions';
import { ProducerStateTable } from '../src/storage/producer-state';
import { buildRecordBatch } from './record-batch-builder';

describe('end-transaction markers', () => {
  it('are valid control batches of one record carrying their type', () => {
    for (const type of [ControlType.ABORT, ControlType.COMMIT]) {
      const marker = buildControlBatch(7, 3, type, 1_700_000_000_000);
      const header = readBatchHeader(marker);
      expect(hasValidCrc(marker)).toBe(true);
      expect(header).toMatchObject({
        totalSize: marker.length,
        magic: 2,
        lastOffsetDelta: 0,
        producerId: 7,
        producerEpoch: 3,
        baseSequence: -1,
        recordCount: 1,
        isTransactional: true,
        isControl: true,
        maxTimestamp: 1_700_000_000_000,
      });
      expect(controlTypeOf(marker)).toBe(type);
    }
  });

  it('encode the record as Kafka does: key (version 0, type), value (version 0, coordinator epoch)', () => {
    const marker = buildControlBatch(1, 0, ControlType.COMMIT, 0);
    // length 16, attributes, timestamp delta, offset delta, key length 4, key, value length 6, value, no headers
    expect([...marker.subarray(61)]).toEqual([
      0x20, 0, 0, 0, 0x08, 0, 0, 0, 1, 0x0c, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('are told from a truncated read as unknown', () => {
    expect(controlTypeOf(buildControlBatch(1, 0, ControlType.ABORT, 0).subarray(0, 66))).toBe(
      undefined,
    );
  });
});

describe('partition transactions', () => {
  it('holds the last stable offset at the earliest open transaction', () => {
    const transactions = new PartitionTransactions();
    expect(transactions.firstOngoingOffset()).toBeUndefined();
    transactions.recordData(1, 10, 10);
    transactions.recordData(2, 12, 13);
    transactions.recordData(1, 14, 14);
    expect(transactions.firstOngoingOffset()).toBe(10);
    transactions.recordMarker(1, 15, true);
    expect(transactions.firstOngoingOffset()).toBe(12);
    transactions.recordMarker(2, 16, false);
    expect(transactions.hasOngoing).toBe(false);
    expect(transactions.abortedBetween(0, 100)).toEqual([{ producerId: 2, firstOffset: 12 }]);
  });

  it('lists the aborted transactions with records in a fetched range, from their first record in it', () => {
    const transactions = new PartitionTransactions();
    transactions.recordData(1, 0, 1);
    transactions.recordData(2, 2, 4);
    transactions.recordMarker(2, 5, false);
    transactions.recordMarker(1, 6, false);
    transactions.recordData(1, 20, 24);
    transactions.recordMarker(1, 25, false);
    expect(transactions.abortedBetween(0, 30).map((t) => t.firstOffset)).toEqual([0, 2, 20]);
    expect(transactions.abortedBetween(3, 30).map((t) => t.firstOffset)).toEqual([3, 20]);
    expect(transactions.abortedBetween(6, 20)).toEqual([]);
    transactions.dropBefore(10);
    expect(transactions.abortedBetween(0, 30).map((t) => t.firstOffset)).toEqual([20]);
  });

  it('records no aborted transaction for a marker without data before it', () => {
    const transactions = new PartitionTransactions();
    transactions.recordMarker(1, 0, false);
    expect(transactions.abortedBetween(0, 10)).toEqual([]);
  });

  it('lets kafkajs drop every aborted record from wherever a fetch starts, with transactions interleaved', () => {
    type Entry =
      | { readonly offset: number; readonly producerId: number; readonly transactional: boolean }
      | {
          readonly offset: number;
          readonly producerId: number;
          readonly marker: 'commit' | 'abort';
        };
    // Producer 1 aborts twice, 2 commits, 3 writes outside transactions, 4 aborts; records interleave.
    const log: Entry[] = [
      { offset: 0, producerId: 1, transactional: true },
      { offset: 1, producerId: 2, transactional: true },
      { offset: 2, producerId: 1, transactional: true },
      { offset: 3, producerId: 3, transactional: false },
      { offset: 4, producerId: 2, transactional: true },
      { offset: 5, producerId: 4, transactional: true },
      { offset: 6, producerId: 2, marker: 'commit' },
      { offset: 7, producerId: 4, transactional: true },
      { offset: 8, producerId: 1, marker: 'abort' },
      { offset: 9, producerId: 1, transactional: true },
      { offset: 10, producerId: 4, marker: 'abort' },
      { offset: 11, producerId: 3, transactional: false },
      { offset: 12, producerId: 1, marker: 'abort' },
    ];
    const transactions = new PartitionTransactions();
    for (const entry of log) {
      if ('marker' in entry)
        transactions.recordMarker(entry.producerId, entry.offset, entry.marker === 'commit');
      else if (entry.transactional)
        transactions.recordData(entry.producerId, entry.offset, entry.offset);
    }
    const committedOrPlain = [1, 3, 4, 11];
    const filterAbortedMessages = jest.requireActual<KafkajsAbortedFilter>(
      'kafkajs/src/consumer/filterAbortedMessages',
    );
    for (let from = 0; from <= 13; from++) {
      const messages = log
        .filter((entry) => entry.offset >= from)
        .map((entry) => ({
          offset: String(entry.offset),
          key: 'marker' in entry ? Buffer.from([0, 0, 0, entry.marker === 'commit' ? 1 : 0]) : null,
          isControlRecord: 'marker' in entry,
          batchContext: {
            producerId: String(entry.producerId),
            inTransaction: 'marker' in entry || entry.transactional,
          },
        }));
      const abortedTransactions = transactions
        .abortedBetween(from, 13)
        .map((t) => ({ producerId: String(t.producerId), firstOffset: String(t.firstOffset) }));
      const read = filterAbortedMessages({ messages, abortedTransactions })
        .filter((message) => !message.isControlRecord)
        .map((message) => Number(message.offset));
      expect({ from, read }).toEqual({
        from,
        read: committedOrPlain.filter((offset) => offset >= from),
      });
    }
  });
});

/** kafkajs's own filter of aborted records (consumer/filterAbortedMessages.js), which its consumers run on every fetch. */
type KafkajsAbortedFilter = <
  M extends { readonly isControlRecord: boolean; readonly offset: string },
>(input: {
  readonly messages: readonly M[];
  readonly abortedTransactions: readonly { producerId: string; firstOffset: string }[];
}) => M[];

describe('producer state after a marker', () => {
  const batch = (baseSequence: number, producerEpoch: number) =>
    readBatchHeader(
      buildRecordBatch([{ value: 'v' }], { producerId: 5, producerEpoch, baseSequence }),
    );

  it('keeps the sequence across transactions of one epoch and restarts it in a bumped one', () => {
    const table = new ProducerStateTable();
    table.record(batch(0, 0));
    table.recordMarker(5, 0);
    expect(table.check(batch(1, 0))).toEqual({ kind: 'append' });
    table.recordMarker(5, 1);
    expect(table.check(batch(1, 0))).toEqual({ kind: 'error', errorCode: 47 });
    expect(table.check(batch(0, 1))).toEqual({ kind: 'append' });
  });
});
