import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { recoverLog } from '../src/storage/log-recovery';
import { decodeRecord, encodeRecord, type StoredRecord } from '../src/storage/record-format';
import { segmentFileName } from '../src/storage/segment-files';
import { SegmentLog, type PlacedRecord } from '../src/storage/segment-log';

function event(revision: number, bodyBytes = 0): StoredRecord {
  return {
    streamName: 'stream',
    revision: BigInt(revision),
    createdTicks: 1n,
    id: Buffer.alloc(16, revision),
    type: 'T',
    contentType: 'application/json',
    data: Buffer.from(`{"n":${revision},"pad":"${'x'.repeat(bodyBytes)}"}`),
    customMetadata: Buffer.alloc(0),
    tombstone: false,
  };
}

/** Writes commits (each a list of revisions) through the log, as the store does. */
async function writeCommits(dir: string, commits: number[][], bodyBytes = 0): Promise<void> {
  const log = new SegmentLog(
    dir,
    recoverLog(dir, () => undefined),
  );
  const batch: PlacedRecord[] = [];
  for (const commit of commits) {
    commit.forEach((revision, i) => {
      const bytes = encodeRecord(event(revision, bodyBytes), i === commit.length - 1);
      batch.push({ position: log.allocate(bytes.length), bytes });
    });
  }
  await log.write(batch);
  log.close();
}

function recoveredRevisions(dir: string): bigint[] {
  const revisions: bigint[] = [];
  recoverLog(dir, (_position, buffer, offset) =>
    revisions.push(decodeRecord(buffer, offset).revision),
  );
  return revisions;
}

describe('log recovery', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir('eventstore-recovery');
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  const segment = (): string => join(dir, segmentFileName(0));

  it('replays complete commits in order', async () => {
    await writeCommits(dir, [[0], [1, 2, 3], [4]]);
    expect(recoveredRevisions(dir)).toEqual([0n, 1n, 2n, 3n, 4n]);
  });

  it('replays commits larger than its read chunk, across chunk boundaries', async () => {
    const big = (from: number): number[] => Array.from({ length: 6_000 }, (_, i) => from + i);
    await writeCommits(dir, [big(0), [6_000], big(6_001)], 1_000);
    const revisions = recoveredRevisions(dir);
    expect(revisions).toHaveLength(12_001);
    expect(revisions.every((revision, i) => revision === BigInt(i))).toBe(true);
  });

  it('cuts a torn record off the tail', async () => {
    await writeCommits(dir, [[0], [1]]);
    const intact = statSync(segment()).size;
    appendFileSync(segment(), encodeRecord(event(2), true).subarray(0, 20));
    expect(recoveredRevisions(dir)).toEqual([0n, 1n]);
    expect(statSync(segment()).size).toBe(intact);
  });

  it('drops a commit whose last record never made it', async () => {
    await writeCommits(dir, [[0]]);
    const intact = statSync(segment()).size;
    appendFileSync(segment(), encodeRecord(event(1), false));
    expect(recoveredRevisions(dir)).toEqual([0n]);
    expect(statSync(segment()).size).toBe(intact);
  });

  it('stops at a record whose checksum fails, and what follows it', async () => {
    await writeCommits(dir, [[0], [1], [2]]);
    const bytes = encodeRecord(event(0), true);
    const corrupt = readFileSync(segment());
    corrupt[bytes.length + 30] ^= 0xff;
    writeFileSync(segment(), corrupt);
    expect(recoveredRevisions(dir)).toEqual([0n]);
    expect(statSync(segment()).size).toBe(bytes.length);
  });

  it('continues appending where recovery stopped', async () => {
    await writeCommits(dir, [[0]]);
    appendFileSync(segment(), Buffer.from([1, 2, 3]));
    await writeCommits(dir, [[1]]);
    expect(recoveredRevisions(dir)).toEqual([0n, 1n]);
    expect(readdirSync(dir)).toEqual([segmentFileName(0)]);
  });
});
