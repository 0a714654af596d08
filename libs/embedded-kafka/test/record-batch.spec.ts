import {
  hasValidCrc,
  readBatchHeader,
  splitProducedBatches,
  writeBaseOffset,
} from '../src/record-batch';
import { buildRecordBatch } from './record-batch-builder';

describe('record batches', () => {
  const batch = (): Buffer =>
    buildRecordBatch([{ key: 'k', value: 'one' }, { value: 'two' }], {
      timestamp: 1_700_000_000_000,
      producerId: 42,
      producerEpoch: 1,
      baseSequence: 7,
    });

  it('reads the header fields', () => {
    expect(readBatchHeader(batch())).toMatchObject({
      baseOffset: 0,
      magic: 2,
      lastOffsetDelta: 1,
      maxTimestamp: 1_700_000_000_000,
      producerId: 42,
      producerEpoch: 1,
      baseSequence: 7,
      recordCount: 2,
      isTransactional: false,
    });
  });

  it('rewrites the base offset without invalidating the CRC', () => {
    const data = batch();
    writeBaseOffset(data, 2 ** 40 + 5);
    expect(readBatchHeader(data).baseOffset).toBe(2 ** 40 + 5);
    expect(hasValidCrc(data)).toBe(true);
  });

  it('splits several batches and rejects a flipped bit, a truncation or an old magic byte', () => {
    const two = Buffer.concat([batch(), batch()]);
    const split = splitProducedBatches(two);
    expect(split.ok && split.batches.length).toBe(2);

    const flipped = batch();
    flipped[flipped.length - 1] ^= 1;
    expect(splitProducedBatches(flipped)).toEqual({ ok: false, reason: 'corrupt' });
    expect(splitProducedBatches(batch().subarray(0, 70))).toEqual({ ok: false, reason: 'corrupt' });
    expect(splitProducedBatches(Buffer.alloc(0))).toEqual({ ok: false, reason: 'corrupt' });

    const oldFormat = batch();
    oldFormat.writeInt8(1, 16);
    expect(splitProducedBatches(oldFormat)).toEqual({ ok: false, reason: 'unsupported-magic' });
  });
});
