import { join } from 'node:path';
import { FlushScheduler } from '../src/storage/flush-scheduler';
import { PartitionLog } from '../src/storage/partition-log';
import { readBatchHeader } from '../src/record-batch';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { buildRecordBatch } from './record-batch-builder';

describe('partition log transactions on disk', () => {
  let dir: string;
  const flusher = new FlushScheduler();
  const open = (): PartitionLog =>
    PartitionLog.open(join(dir, 'p0'), { segmentBytes: 64 * 1024 * 1024 }, flusher);
  const offsetsOf = (records: readonly Buffer[]): number[] =>
    records.flatMap((data) => {
      const offsets: number[] = [];
      for (let at = 0; at < data.length; at += readBatchHeader(data, at).totalSize)
        offsets.push(readBatchHeader(data, at).baseOffset);
      return offsets;
    });
  const append = async (log: PartitionLog, batch: Buffer, transactional = false): Promise<void> => {
    const appended = log.append([batch], transactional);
    if (!('durable' in appended)) throw new Error(`append failed: ${appended.errorCode}`);
    await appended.durable;
  };

  beforeEach(async () => {
    dir = await makeTempDir('kafka-txn-log');
  });

  afterEach(async () => {
    await removeTempDir(dir);
  });

  it('rebuilds open and aborted transactions from the segments and reads from disk up to the last stable offset', async () => {
    let log = open();
    const transactional = (producerId: number, baseSequence: number): Buffer =>
      buildRecordBatch([{ value: 't' }], {
        producerId,
        producerEpoch: 0,
        baseSequence,
        transactional: true,
      });
    await append(log, buildRecordBatch([{ value: 'plain-0' }]));
    await append(log, transactional(1, 0), true);
    await log.appendMarker(1, 0, false);
    await append(log, buildRecordBatch([{ value: 'plain-3' }]));
    await append(log, transactional(2, 0), true);
    await append(log, buildRecordBatch([{ value: 'plain-5' }]));
    expect(log.lastStableOffset).toBe(4);
    log.close();

    // Reopened, the recent-batch cache is empty: reads go to the segment file.
    log = open();
    try {
      expect(log.highWatermark).toBe(6);
      expect(log.lastStableOffset).toBe(4);
      expect(log.hasOngoingTransaction(2)).toBe(true);
      expect(log.hasOngoingTransaction(1)).toBe(false);
      expect(log.abortedTransactions(0, 4)).toEqual([{ producerId: 1, firstOffset: 1 }]);
      expect(offsetsOf((await log.read(0, 1024 * 1024, log.lastStableOffset)).records)).toEqual([
        0, 1, 2, 3,
      ]);
      expect(offsetsOf((await log.read(4, 1024 * 1024, log.lastStableOffset)).records)).toEqual([]);
      expect(offsetsOf((await log.read(0, 1024 * 1024)).records)).toEqual([0, 1, 2, 3, 4, 5]);
      // A transactional batch the coordinator did not verify, or a client's control batch, is refused.
      expect(log.append([transactional(3, 0)]).errorCode).toBe(42);
      await log.appendMarker(2, 0, true);
      expect(log.lastStableOffset).toBe(7);
    } finally {
      log.close();
    }
  });
});
