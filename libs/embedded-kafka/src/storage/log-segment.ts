import {
  closeSync,
  fstatSync,
  ftruncateSync,
  fsyncSync,
  openSync,
  readSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  BATCH_HEADER_SIZE,
  batchSizeAt,
  controlTypeOf,
  hasValidCrc,
  readBatchHeader,
  RecordBatchHeader,
} from '../record-batch';
import { readAt } from './file-io';
import { SparseOffsetIndex } from './sparse-offset-index';

/** Bytes of log between two sparse index entries. */
const INDEX_INTERVAL_BYTES = 4096;
/** Bytes read from a control batch on recovery to learn its type (it is 78 bytes as the broker writes it). */
const CONTROL_BATCH_READ_BYTES = 128;
/** Smallest read when looking for a batch, so that small batches are found in one read. */
const MIN_READ_BYTES = 64 * 1024;

export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}.log`;
}

export interface SegmentRead {
  /** Whole batches, back to back. */
  readonly data: Buffer;
  /** The offset after the last record in `data`. */
  readonly nextOffset: number;
}

export interface SegmentRecovery {
  readonly segment: LogSegment;
  /** Bytes cut from the end because they did not form a whole, valid batch. */
  readonly truncatedBytes: number;
}

/**
 * One log file of a partition: record batches back to back, each with its
 * absolute base offset. Appends go straight to the file (page cache); the
 * partition decides when they count as durable.
 */
export class LogSegment {
  readonly index = new SparseOffsetIndex();
  private bytesSinceIndexEntry = Number.POSITIVE_INFINITY;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly baseOffset: number,
    readonly fd: number,
    public size: number,
    public nextOffset: number,
    public maxTimestamp: number,
  ) {}

  static create(directory: string, baseOffset: number): LogSegment {
    const path = join(directory, segmentFileName(baseOffset));
    const fd = openSync(path, 'w+');
    return new LogSegment(path, baseOffset, fd, 0, baseOffset, -1);
  }

  /**
   * Opens an existing segment and rebuilds its index from the batch headers.
   * With `verifyChecksums` (the active, possibly torn segment) every batch's
   * CRC-32C is checked too. The file is cut after the last whole, valid batch.
   * `onBatch` gets each batch's header and, for a control batch, its type.
   */
  static recover(
    path: string,
    baseOffset: number,
    verifyChecksums: boolean,
    onBatch: (header: RecordBatchHeader, controlType: number | undefined) => void,
  ): SegmentRecovery {
    const fd = openSync(path, 'r+');
    const fileSize = fstatSync(fd).size;
    const segment = new LogSegment(path, baseOffset, fd, 0, baseOffset, -1);
    const headerBuffer = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
    let position = 0;
    while (position + BATCH_HEADER_SIZE <= fileSize) {
      readSync(fd, headerBuffer, 0, BATCH_HEADER_SIZE, position);
      const header = readBatchHeader(headerBuffer);
      const plausible =
        header.magic === 2 &&
        header.totalSize >= BATCH_HEADER_SIZE &&
        position + header.totalSize <= fileSize &&
        header.baseOffset === segment.nextOffset &&
        header.lastOffsetDelta >= 0;
      if (!plausible) break;
      let batch: Buffer | undefined;
      if (verifyChecksums) {
        batch = Buffer.allocUnsafe(header.totalSize);
        readSync(fd, batch, 0, header.totalSize, position);
        if (!hasValidCrc(batch)) break;
      }
      let controlType: number | undefined;
      if (header.isControl) {
        if (batch === undefined) {
          batch = Buffer.allocUnsafe(Math.min(header.totalSize, CONTROL_BATCH_READ_BYTES));
          readSync(fd, batch, 0, batch.length, position);
        }
        controlType = controlTypeOf(batch);
      }
      segment.recordAppended(header, position);
      onBatch(header, controlType);
      position += header.totalSize;
    }
    if (position < fileSize) {
      ftruncateSync(fd, position);
      fsyncSync(fd);
    }
    return { segment, truncatedBytes: fileSize - position };
  }

  /** Writes a batch (base offset already set) at the end of the file. */
  append(batch: Buffer, header: RecordBatchHeader): void {
    let written = 0;
    while (written < batch.length) {
      written += writeSync(this.fd, batch, written, batch.length - written, this.size + written);
    }
    this.recordAppended(header, this.size);
  }

  private recordAppended(header: RecordBatchHeader, position: number): void {
    if (this.bytesSinceIndexEntry >= INDEX_INTERVAL_BYTES) {
      this.index.add(header.baseOffset - this.baseOffset, position);
      this.bytesSinceIndexEntry = 0;
    }
    this.bytesSinceIndexEntry += header.totalSize;
    this.size = position + header.totalSize;
    this.nextOffset = header.baseOffset + header.lastOffsetDelta + 1;
    this.maxTimestamp = Math.max(this.maxTimestamp, header.maxTimestamp);
  }

  /**
   * Whole batches from the one containing `offset`, at most `maxBytes`. With
   * `firstMayExceed` a first batch larger than that is returned whole, as Kafka
   * does so that a consumer always makes progress. Reads stop at `endPosition`.
   */
  async read(
    offset: number,
    maxBytes: number,
    endPosition: number,
    firstMayExceed: boolean,
  ): Promise<SegmentRead | undefined> {
    let position = this.index.floorPosition(offset - this.baseOffset);
    while (position < endPosition) {
      const chunk = await readAt(
        this.fd,
        Math.min(endPosition - position, Math.max(maxBytes, MIN_READ_BYTES)),
        position,
      );
      let at = 0;
      while (at + BATCH_HEADER_SIZE <= chunk.length) {
        const header = readBatchHeader(chunk, at);
        if (header.baseOffset + header.lastOffsetDelta >= offset) {
          if (header.totalSize > maxBytes && !firstMayExceed) return undefined;
          const data = await this.readBatchesFrom(chunk, at, position + at, maxBytes, endPosition);
          return { data, nextOffset: nextOffsetAfter(data) };
        }
        at += header.totalSize;
      }
      if (at === 0) return undefined;
      position += at;
    }
    return undefined;
  }

  private async readBatchesFrom(
    chunk: Buffer,
    at: number,
    start: number,
    maxBytes: number,
    endPosition: number,
  ): Promise<Buffer> {
    let data = chunk.subarray(at);
    const firstSize = batchSizeAt(data, 0) ?? 0;
    if (firstSize > data.length) return readAt(this.fd, firstSize, start);
    const wanted = Math.min(maxBytes, endPosition - start);
    if (data.length < wanted) data = await readAt(this.fd, wanted, start);
    return data.subarray(0, wholeBatchesEnd(data, maxBytes));
  }

  /** Iterates batch headers from the start (used to look offsets up by timestamp). */
  async *headers(endPosition: number): AsyncGenerator<RecordBatchHeader> {
    let position = 0;
    while (position + BATCH_HEADER_SIZE <= endPosition) {
      const header = readBatchHeader(await readAt(this.fd, BATCH_HEADER_SIZE, position));
      yield header;
      position += header.totalSize;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  delete(): void {
    this.close();
    unlinkSync(this.path);
  }
}

/** End of the whole batches at the start of `data` that fit in `maxBytes` (at least one). */
function wholeBatchesEnd(data: Buffer, maxBytes: number): number {
  let end = 0;
  for (;;) {
    const size = batchSizeAt(data, end);
    if (size === undefined || end + size > data.length) return end;
    if (end > 0 && end + size > maxBytes) return end;
    end += size;
  }
}

function nextOffsetAfter(data: Buffer): number {
  let at = 0;
  let next = -1;
  while (at < data.length) {
    const header = readBatchHeader(data, at);
    next = header.baseOffset + header.lastOffsetDelta + 1;
    at += header.totalSize;
  }
  return next;
}
