import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  fsync,
  openSync,
  readSync,
  writevSync,
} from 'node:fs';
import { promisify } from 'node:util';
import { BlockCache } from './block-cache';
import { recordLengthAt } from './record-format';
import { SEGMENT_CAPACITY, segmentPath } from './segment-files';
import type { RecoveredTail } from './log-recovery';

const fdatasyncAsync = promisify(fdatasync);
const fsyncAsync = promisify(fsync);

const BLOCK_BYTES = 64 * 1024;
const FAST_FLUSH_MS = 1;
// 4 MiB: reads walk the log in order, so a few blocks per concurrent reader are enough.
const CACHED_BLOCKS = 64;

/** Encoded bytes (one commit's records) and the log position they go to. */
export interface PlacedRecord {
  readonly position: number;
  readonly bytes: Buffer;
}

/**
 * The append-only log: segment files written at explicit offsets, each batch made durable
 * with one fdatasync, and read back through a small block cache.
 */
export class SegmentLog {
  private readonly fds = new Map<number, number>();
  private readonly cache = new BlockCache(CACHED_BLOCKS);
  /** Moving average of recent flush times, choosing how the next one is made. */
  private recentFlushMs = 0;
  /** The block memory last evicted from the cache, reused by the next disk read. */
  private spareBlock: Buffer | undefined;
  private nextPosition: number;
  /** Everything before this position is on disk; blocks are never cached past it, so no torn bytes are cached. */
  private durableEnd: number;

  constructor(
    private readonly dataDir: string,
    tail: RecoveredTail,
  ) {
    this.nextPosition = tail.segment * SEGMENT_CAPACITY + tail.offset;
    this.durableEnd = this.nextPosition;
  }

  /** Reserves log space for a record and returns its position; records never straddle segments. */
  allocate(length: number): number {
    const offset = this.nextPosition % SEGMENT_CAPACITY;
    if (offset > 0 && offset + length > SEGMENT_CAPACITY) {
      this.nextPosition += SEGMENT_CAPACITY - offset;
    }
    const position = this.nextPosition;
    this.nextPosition += length;
    return position;
  }

  /** Writes records (in allocation order) and resolves once they are on disk. */
  async write(records: readonly PlacedRecord[]): Promise<void> {
    let start = 0;
    while (start < records.length) {
      const segment = Math.floor(records[start].position / SEGMENT_CAPACITY);
      let end = start + 1;
      while (
        end < records.length &&
        Math.floor(records[end].position / SEGMENT_CAPACITY) === segment
      )
        end += 1;
      const { fd, created } = this.segmentFd(segment);
      const buffers = records.slice(start, end).map((record) => record.bytes);
      // Copying into the page cache is quick; only a slow flush is worth a thread-pool round trip.
      writevSync(fd, buffers, records[start].position % SEGMENT_CAPACITY);
      await this.flush(fd);
      if (created) await this.syncDirectory();
      start = end;
    }
    const last = records[records.length - 1];
    if (last !== undefined)
      this.durableEnd = Math.max(this.durableEnd, last.position + last.bytes.length);
  }

  /**
   * fdatasync, on this thread while flushes take well under a millisecond (an SSD, a VM's
   * disk): handing a fast flush to the thread pool and back costs the server more CPU (two
   * thread wake-ups and a loop iteration) than the flush itself. A slow disk would stall
   * reads, so once a flush takes longer it goes to the thread pool until flushes are fast again.
   */
  private async flush(fd: number): Promise<void> {
    const started = performance.now();
    if (this.recentFlushMs < FAST_FLUSH_MS) fdatasyncSync(fd);
    else await fdatasyncAsync(fd);
    // A moving average, so one slow flush does not flip the choice for good.
    this.recentFlushMs = 0.8 * this.recentFlushMs + 0.2 * (performance.now() - started);
  }

  /** The bytes of the whole record at `position`; valid until the next call. */
  read(position: number): { buffer: Buffer; offset: number } {
    const blockNumber = Math.floor(position / BLOCK_BYTES);
    const inBlock = position - blockNumber * BLOCK_BYTES;
    let block = this.cache.get(blockNumber);
    if (
      block === undefined ||
      block.length < inBlock + 8 ||
      block.length < inBlock + recordLengthAt(block, inBlock)
    ) {
      block = this.readBlock(blockNumber);
    }
    if (block.length >= inBlock + 8) {
      const length = recordLengthAt(block, inBlock);
      if (inBlock + length <= block.length) return { buffer: block, offset: inBlock };
    }
    return { buffer: this.readExact(position), offset: 0 };
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }

  private readBlock(blockNumber: number): Buffer {
    const start = blockNumber * BLOCK_BYTES;
    const segment = Math.floor(start / SEGMENT_CAPACITY);
    // Reusing the evicted block's memory (callers keep a block only until their next read)
    // spares a 64 KiB allocation, and its garbage, on every cache miss of a long scan.
    const buffer = this.spareBlock ?? Buffer.allocUnsafe(BLOCK_BYTES);
    this.spareBlock = undefined;
    const read = readSync(
      this.segmentFd(segment).fd,
      buffer,
      0,
      BLOCK_BYTES,
      start % SEGMENT_CAPACITY,
    );
    // A short read at the log's end is cached as is; a later record past it triggers a re-read.
    const block = buffer.subarray(0, Math.max(0, Math.min(read, this.durableEnd - start)));
    const evicted = this.cache.set(blockNumber, block);
    if (evicted?.buffer.byteLength === BLOCK_BYTES)
      this.spareBlock = Buffer.from(evicted.buffer, 0, BLOCK_BYTES);
    return block;
  }

  private readExact(position: number): Buffer {
    const segment = Math.floor(position / SEGMENT_CAPACITY);
    const { fd } = this.segmentFd(segment);
    const header = Buffer.allocUnsafe(8);
    readSync(fd, header, 0, 8, position % SEGMENT_CAPACITY);
    const record = Buffer.allocUnsafe(recordLengthAt(header, 0));
    readSync(fd, record, 0, record.length, position % SEGMENT_CAPACITY);
    return record;
  }

  private segmentFd(segment: number): { fd: number; created: boolean } {
    const existing = this.fds.get(segment);
    if (existing !== undefined) return { fd: existing, created: false };
    const path = segmentPath(this.dataDir, segment);
    let created = false;
    let fd: number;
    try {
      fd = openSync(path, 'r+');
    } catch {
      fd = openSync(path, 'w+');
      created = true;
    }
    this.fds.set(segment, fd);
    return { fd, created };
  }

  private async syncDirectory(): Promise<void> {
    const fd = openSync(this.dataDir, 'r');
    try {
      await fsyncAsync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
