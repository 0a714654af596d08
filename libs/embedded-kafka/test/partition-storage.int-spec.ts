import { appendFileSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { readBatchHeader } from '../src/record-batch';
import { FlushScheduler } from '../src/storage/flush-scheduler';
import { OffsetStore } from '../src/storage/offset-store';
import { PartitionLog, PartitionLogOptions } from '../src/storage/partition-log';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { buildRecordBatch } from './record-batch-builder';

const values = (buffers: readonly Buffer[]): number[] => {
  const offsets: number[] = [];
  for (const data of buffers) {
    let at = 0;
    while (at < data.length) {
      const header = readBatchHeader(data, at);
      for (let i = 0; i <= header.lastOffsetDelta; i++) offsets.push(header.baseOffset + i);
      at += header.totalSize;
    }
  }
  return offsets;
};

describe('partition log and offset store on disk', () => {
  let dir: string;
  const flusher = new FlushScheduler();
  const open = (options: Partial<PartitionLogOptions> = {}): PartitionLog =>
    PartitionLog.open(join(dir, 'p0'), { segmentBytes: 64 * 1024 * 1024, ...options }, flusher);
  const batchOf = (count: number, options: Parameters<typeof buildRecordBatch>[1] = {}): Buffer =>
    buildRecordBatch(
      Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: 'v'.repeat(100) })),
      options,
    );
  const appendDurably = async (log: PartitionLog, batch: Buffer): Promise<number> => {
    const result = log.append([batch]);
    if (!('baseOffset' in result)) throw new Error(`append failed with ${result.errorCode}`);
    await result.durable;
    return result.baseOffset;
  };
  const segmentFiles = (): string[] =>
    readdirSync(join(dir, 'p0'))
      .filter((f) => f.endsWith('.log'))
      .sort();

  beforeEach(async () => {
    dir = await makeTempDir('kafka-storage');
  });

  afterEach(async () => {
    await removeTempDir(dir);
  });

  it('assigns consecutive offsets and reads from any offset across segments', async () => {
    const log = open({ segmentBytes: 4_000 });
    for (let i = 0; i < 40; i++) expect(await appendDurably(log, batchOf(5))).toBe(i * 5);
    expect(segmentFiles().length).toBeGreaterThan(5);
    expect(log.highWatermark).toBe(200);
    const fromMiddle = await log.read(123, 1_000_000);
    expect(fromMiddle.errorCode).toBe(0);
    const offsets = values(fromMiddle.records);
    expect(offsets[0]).toBe(120);
    expect(offsets.at(-1)).toBe(199);
    const limited = await log.read(0, 1);
    expect(values(limited.records)).toEqual([0, 1, 2, 3, 4]);
    expect((await log.read(201, 100)).errorCode).toBe(1);
    expect((await log.read(200, 100)).records).toEqual([]);
    log.close();

    // Reopened, nothing is cached in memory: every read below goes to the segment files.
    const reopened = open({ segmentBytes: 4_000 });
    expect(reopened.highWatermark).toBe(200);
    const readInSteps: number[] = [];
    while (readInSteps.length < 200) {
      const step = await reopened.read(readInSteps.length, 5_000);
      expect(step.records.length).toBeGreaterThan(0);
      readInSteps.push(...values(step.records));
    }
    expect(readInSteps).toEqual(Array.from({ length: 200 }, (_, i) => i));

    expect(values((await reopened.read(0, 10_000_000)).records)).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
    reopened.close();
  });

  it('cuts a torn or corrupted tail on recovery and keeps appending after it', async () => {
    const log = open();
    for (let i = 0; i < 3; i++) await appendDurably(log, batchOf(4));
    log.close();
    const segment = join(dir, 'p0', segmentFiles()[0]);
    const intactSize = statSync(segment).size;

    appendFileSync(segment, batchOf(4, { baseOffset: 12 }).subarray(0, 50));
    let recovered = open();
    expect(recovered.highWatermark).toBe(12);
    expect(statSync(segment).size).toBe(intactSize);
    recovered.close();

    const corrupted = batchOf(4, { baseOffset: 12 });
    corrupted[corrupted.length - 3] ^= 0xff;
    appendFileSync(segment, corrupted);
    recovered = open();
    expect(recovered.highWatermark).toBe(12);
    expect(await appendDurably(recovered, batchOf(2))).toBe(12);
    recovered.close();

    truncateSync(segment, intactSize - 10);
    recovered = open();
    expect(recovered.highWatermark).toBe(8);
    recovered.close();
  });

  it('de-duplicates a retried idempotent batch, also after a restart', async () => {
    const log = open();
    const first = batchOf(3, { producerId: 5, producerEpoch: 0, baseSequence: 0 });
    expect(await appendDurably(log, Buffer.from(first))).toBe(0);
    expect(await appendDurably(log, Buffer.from(first))).toBe(0);
    expect(log.highWatermark).toBe(3);
    log.close();
    const reopened = open();
    expect(await appendDurably(reopened, Buffer.from(first))).toBe(0);
    const gap = reopened.append([batchOf(1, { producerId: 5, producerEpoch: 0, baseSequence: 9 })]);
    expect(gap.errorCode).toBe(45);
    expect(
      await appendDurably(
        reopened,
        batchOf(1, { producerId: 5, producerEpoch: 0, baseSequence: 3 }),
      ),
    ).toBe(3);
    reopened.close();
  });

  it('applies retention by size and by time to closed segments only', async () => {
    const log = open({ segmentBytes: 2_000, retentionBytes: 6_000 });
    for (let i = 0; i < 30; i++) await appendDurably(log, batchOf(5));
    log.applyRetention(Date.now());
    expect(log.sizeInBytes).toBeLessThanOrEqual(6_000 + 2_000);
    expect(log.logStartOffset).toBeGreaterThan(0);
    expect((await log.read(0, 100)).errorCode).toBe(1);
    expect(values((await log.read(log.logStartOffset, 100)).records)[0]).toBe(log.logStartOffset);
    log.close();

    const timed = PartitionLog.open(
      join(dir, 'p1'),
      { segmentBytes: 2_000, retentionMs: 60_000 },
      flusher,
    );
    for (let i = 0; i < 10; i++) {
      const result = timed.append([batchOf(5, { timestamp: Date.now() - 3_600_000 })]);
      if ('durable' in result) await result.durable;
    }
    timed.applyRetention(Date.now());
    expect(timed.logStartOffset).toBe(timed.highWatermark - 5);
    timed.close();
  });

  it('compacts the committed-offsets file once it is mostly superseded entries', async () => {
    const store = new OffsetStore(dir, flusher);
    const entries = Array.from({ length: 60_000 }, (_, i) => ({
      topic: 't',
      partition: i % 2,
      offset: i,
      metadata: null,
    }));
    await store.commit('g', entries);
    await store.commit('g', [{ topic: 't', partition: 0, offset: 70_000, metadata: null }]);
    expect(statSync(join(dir, 'committed-offsets.log')).size).toBeLessThan(1_000);
    store.close();
    const reopened = new OffsetStore(dir, flusher);
    expect(reopened.get('g', 't', 0)?.offset).toBe(70_000);
    expect(reopened.get('g', 't', 1)?.offset).toBe(59_999);
    reopened.close();
  });

  it('keeps committed offsets across restarts and ignores a torn last entry', async () => {
    const store = new OffsetStore(dir, flusher);
    await store.commit('g', [
      { topic: 't', partition: 0, offset: 10, metadata: null },
      { topic: 't', partition: 1, offset: 20, metadata: 'm' },
    ]);
    await store.commit('g', [{ topic: 't', partition: 0, offset: 11, metadata: null }]);
    store.close();
    appendFileSync(join(dir, 'committed-offsets.log'), Buffer.from([0, 0, 0, 40, 1, 2, 3]));

    const reopened = new OffsetStore(dir, flusher);
    expect(reopened.get('g', 't', 0)?.offset).toBe(11);
    expect(reopened.get('g', 't', 1)).toEqual({
      topic: 't',
      partition: 1,
      offset: 20,
      metadata: 'm',
    });
    await reopened.commit('g', [{ topic: 't', partition: 1, offset: 21, metadata: null }]);
    reopened.close();
    const again = new OffsetStore(dir, flusher);
    expect(again.get('g', 't', 1)?.offset).toBe(21);
    expect(again.groupIds()).toEqual(['g']);
    again.close();
  });
});
