import { ErrorCode } from '../src/protocol/error-codes';
import { readBatchHeader } from '../src/record-batch';
import { ProducerStateTable } from '../src/storage/producer-state';
import { buildRecordBatch } from './record-batch-builder';

const header = (baseOffset: number, baseSequence: number, count = 2, producerEpoch = 0) =>
  readBatchHeader(
    buildRecordBatch(
      Array.from({ length: count }, (_, i) => ({ value: `v${i}` })),
      { baseOffset, producerId: 9, producerEpoch, baseSequence },
    ),
  );

describe('idempotent producer state', () => {
  it('recognises a retried batch and answers its original offset', () => {
    const table = new ProducerStateTable();
    table.record(header(0, 0));
    table.record(header(2, 2));
    expect(table.check(header(99, 0))).toEqual({ kind: 'duplicate', baseOffset: 0, lastOffset: 1 });
    expect(table.check(header(99, 2))).toEqual({ kind: 'duplicate', baseOffset: 2, lastOffset: 3 });
    expect(table.check(header(99, 4))).toEqual({ kind: 'append' });
  });

  it('rejects a sequence gap and a fenced epoch', () => {
    const table = new ProducerStateTable();
    table.record(header(0, 0, 2, 3));
    expect(table.check(header(2, 5, 2, 3))).toEqual({
      kind: 'error',
      errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
    });
    expect(table.check(header(2, 2, 2, 2))).toEqual({
      kind: 'error',
      errorCode: ErrorCode.INVALID_PRODUCER_EPOCH,
    });
    expect(table.check(header(2, 0, 2, 4))).toEqual({ kind: 'append' });
  });

  it('accepts batches of producers without an id', () => {
    const table = new ProducerStateTable();
    const plain = readBatchHeader(buildRecordBatch([{ value: 'x' }]));
    table.record(plain);
    expect(table.check(plain)).toEqual({ kind: 'append' });
  });
});
