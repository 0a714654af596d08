import { existsSync, fdatasyncSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../protocol/error-codes';
import {
  BATCH_HEADER_SIZE,
  buildControlBatch,
  ControlType,
  readBatchHeader,
  RecordBatchHeader,
  writeBaseOffset,
} from '../record-batch';
import { syncDirectory, writeFileDurably } from './file-io';
import { FlushScheduler } from './flush-scheduler';
import { LogSegment } from './log-segment';
import { AbortedTransaction, PartitionTransactions } from './partition-transactions';
import { ProducerStateTable } from './producer-state';
import { RecentBatches } from './recent-batches';

export interface PartitionLogOptions {
  readonly segmentBytes: number;
  readonly retentionMs?: number;
  readonly retentionBytes?: number;
}

export type AppendResult =
  | { readonly errorCode: 0; readonly baseOffset: number; readonly durable: Promise<void> }
  | { readonly errorCode: number };

export type ReadResult =
  | { readonly errorCode: 0; readonly records: Buffer[] }
  | { readonly errorCode: number; readonly records: [] };

const SEGMENT_FILE = /^(\d{20})\.log$/;
/** Where DeleteRecords leaves the log start offset when it falls inside a segment. */
const LOG_START_FILE = 'log-start-offset';
/** Recently appended bytes kept in memory per partition for caught-up consumers. */
const RECENT_BYTES = 512 * 1024;

/**
 * One partition: a list of segments, the offset the next batch gets, and the
 * high watermark — the end of what is on disk for sure. Consumers read up to
 * the high watermark only, so nothing they see can vanish in a crash.
 */
export class PartitionLog {
  private readonly recent = new RecentBatches(RECENT_BYTES);
  private readonly highWatermarkListeners = new Set<() => void>();
  private nextOffset: number;
  private durableOffset: number;
  private durablePosition: number;
  /** Set by DeleteRecords; the first segment's base offset counts when it is higher. */
  private deletedBefore: number;

  private constructor(
    private readonly directory: string,
    private readonly segments: LogSegment[],
    private options: PartitionLogOptions,
    private readonly flusher: FlushScheduler,
    private readonly producers: ProducerStateTable,
    private readonly transactions: PartitionTransactions,
  ) {
    const active = this.activeSegment;
    this.nextOffset = active.nextOffset;
    this.durableOffset = active.nextOffset;
    this.durablePosition = active.size;
    const logStartFile = join(directory, LOG_START_FILE);
    this.deletedBefore = existsSync(logStartFile)
      ? Number(readFileSync(logStartFile, 'utf8'))
      : this.segments[0].baseOffset;
  }

  static open(
    directory: string,
    options: PartitionLogOptions,
    flusher: FlushScheduler,
  ): PartitionLog {
    mkdirSync(directory, { recursive: true });
    const baseOffsets = readdirSync(directory)
      .map((name) => SEGMENT_FILE.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
    const producers = new ProducerStateTable();
    const transactions = new PartitionTransactions();
    const segments: LogSegment[] = [];
    for (const [i, baseOffset] of baseOffsets.entries()) {
      const previous = segments.at(-1);
      const path = join(directory, `${String(baseOffset).padStart(20, '0')}.log`);
      if (previous && previous.nextOffset !== baseOffset) {
        // A gap means the previous segment lost its tail: later segments cannot be trusted.
        LogSegment.recover(path, baseOffset, false, () => undefined).segment.delete();
        continue;
      }
      const isLast = i === baseOffsets.length - 1;
      const { segment } = LogSegment.recover(path, baseOffset, isLast, (header, controlType) => {
        if (header.isControl) {
          producers.recordMarker(header.producerId, header.producerEpoch);
          transactions.recordMarker(
            header.producerId,
            header.baseOffset,
            controlType === ControlType.COMMIT,
          );
          return;
        }
        producers.record(header);
        if (header.isTransactional)
          transactions.recordData(
            header.producerId,
            header.baseOffset,
            header.baseOffset + header.lastOffsetDelta,
          );
      });
      segments.push(segment);
    }
    if (segments.length === 0) {
      segments.push(LogSegment.create(directory, 0));
      syncDirectory(directory);
    }
    return new PartitionLog(directory, segments, options, flusher, producers, transactions);
  }

  private get activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1];
  }

  get logStartOffset(): number {
    return Math.max(this.segments[0].baseOffset, Math.min(this.deletedBefore, this.nextOffset));
  }

  /** Applies a topic's changed configs (retention, segment size) from now on. */
  setOptions(options: PartitionLogOptions): void {
    this.options = options;
  }

  /**
   * DeleteRecords: moves the log start offset up to `offset` (-1 means the high
   * watermark) durably and deletes the closed segments wholly below it. Answers
   * the new log start offset, or OFFSET_OUT_OF_RANGE beyond the high watermark.
   */
  deleteRecordsBefore(offset: number): { errorCode: number; lowWatermark: number } {
    const target = offset === -1 ? this.durableOffset : offset;
    if (target < 0 || target > this.durableOffset) {
      return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, lowWatermark: -1 };
    }
    if (target > this.logStartOffset) {
      writeFileDurably(join(this.directory, LOG_START_FILE), String(target));
      this.deletedBefore = target;
      while (this.segments.length > 1 && this.segments[1].baseOffset <= target) {
        this.segments.shift()?.delete();
      }
    }
    return { errorCode: ErrorCode.NONE, lowWatermark: this.logStartOffset };
  }

  get highWatermark(): number {
    return this.durableOffset;
  }

  /** Where read_committed consumers stop: the first offset of the earliest open transaction, else the high watermark. */
  get lastStableOffset(): number {
    if (!this.transactions.hasOngoing) return this.durableOffset;
    return Math.min(
      this.transactions.firstOngoingOffset() ?? this.durableOffset,
      this.durableOffset,
    );
  }

  hasOngoingTransaction(producerId: number): boolean {
    return this.transactions.isOngoing(producerId);
  }

  /** Aborted transactions overlapping [from, upTo), for a read_committed fetch. */
  abortedTransactions(from: number, upTo: number): AbortedTransaction[] {
    return this.transactions.abortedBetween(from, upTo);
  }

  get sizeInBytes(): number {
    return this.segments.reduce((sum, segment) => sum + segment.size, 0);
  }

  /**
   * Appends produced batches (already CRC-checked) in order, rewriting their
   * base offsets. The result's `durable` settles once they are fsynced and
   * visible to consumers. A retried idempotent batch is not written again: its
   * original offset is answered once that is durable. Transactional batches
   * are taken only from a produce the transaction coordinator has verified.
   */
  append(batches: readonly Buffer[], transactional = false): AppendResult {
    const headers = batches.map((batch) => readBatchHeader(batch));
    const checks = headers.map((header) => this.producers.check(header));
    const failed = checks.find((check) => check.kind === 'error');
    if (failed?.kind === 'error') return { errorCode: failed.errorCode };
    // Only the transaction coordinator writes control batches; transactional ones need a producer id.
    if (
      headers.some(
        (header) =>
          header.isControl || (header.isTransactional && (!transactional || header.producerId < 0)),
      )
    ) {
      return { errorCode: ErrorCode.INVALID_REQUEST };
    }
    const duplicate = checks[0];
    if (duplicate.kind === 'duplicate') {
      return {
        errorCode: ErrorCode.NONE,
        baseOffset: duplicate.baseOffset,
        durable: this.waitForHighWatermark(duplicate.lastOffset + 1),
      };
    }
    const baseOffset = this.nextOffset;
    for (const [i, batch] of batches.entries()) {
      const header = { ...headers[i], baseOffset: this.nextOffset };
      this.write(batch, header);
      this.producers.record(header);
      if (header.isTransactional)
        this.transactions.recordData(
          header.producerId,
          header.baseOffset,
          header.baseOffset + header.lastOffsetDelta,
        );
    }
    return { errorCode: ErrorCode.NONE, baseOffset, durable: this.syncWritten() };
  }

  /**
   * Writes the transaction coordinator's end marker (commit or abort) for the
   * producer's transaction; resolves once it is on disk. Its epoch fences older
   * epochs of the producer on this partition.
   */
  appendMarker(producerId: number, producerEpoch: number, committed: boolean): Promise<void> {
    const type = committed ? ControlType.COMMIT : ControlType.ABORT;
    const batch = buildControlBatch(producerId, producerEpoch, type, Date.now());
    writeBaseOffset(batch, this.nextOffset);
    const header = readBatchHeader(batch);
    this.write(batch, header);
    this.producers.recordMarker(producerId, producerEpoch);
    this.transactions.recordMarker(producerId, header.baseOffset, committed);
    return this.syncWritten();
  }

  private write(batch: Buffer, header: RecordBatchHeader): void {
    writeBaseOffset(batch, header.baseOffset);
    this.rollIfFull(batch.length);
    this.activeSegment.append(batch, header);
    this.nextOffset = header.baseOffset + header.lastOffsetDelta + 1;
    this.recent.add(header.baseOffset, this.nextOffset, batch);
  }

  /** Resolves once everything written so far is synced and below the high watermark. */
  private syncWritten(): Promise<void> {
    const endOffset = this.nextOffset;
    const segment = this.activeSegment;
    const endPosition = segment.size;
    return this.flusher
      .sync(segment.fd)
      .then(() => this.markDurable(segment, endOffset, endPosition));
  }

  private rollIfFull(incomingBytes: number): void {
    const active = this.activeSegment;
    if (active.size === 0 || active.size + incomingBytes <= this.options.segmentBytes) return;
    // A closed segment is synced at once, so all of it is durable and readable.
    fdatasyncSync(active.fd);
    this.durablePosition = 0;
    this.segments.push(LogSegment.create(this.directory, active.nextOffset));
    syncDirectory(this.directory);
  }

  private markDurable(segment: LogSegment, endOffset: number, endPosition: number): void {
    if (endOffset <= this.durableOffset) return;
    this.durableOffset = endOffset;
    if (segment === this.activeSegment) this.durablePosition = endPosition;
    for (const listener of [...this.highWatermarkListeners]) listener();
  }

  /** Calls `listener` each time the high watermark moves; returns the unsubscribe function. */
  onHighWatermark(listener: () => void): () => void {
    this.highWatermarkListeners.add(listener);
    return () => this.highWatermarkListeners.delete(listener);
  }

  private waitForHighWatermark(offset: number): Promise<void> {
    if (this.durableOffset >= offset) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = this.onHighWatermark(() => {
        if (this.durableOffset < offset) return;
        stop();
        resolve();
      });
    });
  }

  /**
   * Whole batches from `offset` on, never past the high watermark, at most
   * `maxBytes` unless the very first batch is larger (see `LogSegment.read`).
   * Continues into the next segment only after reading a segment to its end,
   * so that the answer never skips records. With `endOffset` below the high
   * watermark (the last stable offset of a read_committed fetch) no batch at
   * or after it is returned.
   */
  async read(
    offset: number,
    maxBytes: number,
    endOffset: number = this.durableOffset,
  ): Promise<ReadResult> {
    if (offset < this.logStartOffset || offset > this.durableOffset) {
      return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, records: [] };
    }
    if (offset >= endOffset) return { errorCode: ErrorCode.NONE, records: [] };
    const recent = this.recent.read(offset, maxBytes, endOffset);
    if (recent !== undefined) return { errorCode: ErrorCode.NONE, records: recent };
    const records: Buffer[] = [];
    let position = offset;
    let budget = maxBytes;
    for (let i = this.segmentIndexFor(position); i < this.segments.length && budget > 0; i++) {
      const segment = this.segments[i];
      const endPosition = this.endPositionOf(segment);
      const read = await segment.read(position, budget, endPosition, records.length === 0);
      if (read === undefined) {
        if (position < segment.nextOffset) break;
        continue;
      }
      records.push(read.data);
      budget -= read.data.length;
      if (read.nextOffset < segment.nextOffset) break;
      position = read.nextOffset;
    }
    if (endOffset < this.durableOffset)
      return { errorCode: ErrorCode.NONE, records: cutAt(records, endOffset) };
    return { errorCode: ErrorCode.NONE, records };
  }

  private endPositionOf(segment: LogSegment): number {
    return segment === this.activeSegment ? this.durablePosition : segment.size;
  }

  private segmentIndexFor(offset: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.segments[middle].baseOffset <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** First offset whose batch has a timestamp at or after `timestamp`, or the high watermark. */
  async offsetForTimestamp(timestamp: number): Promise<number> {
    for (const segment of this.segments) {
      if (segment.maxTimestamp < timestamp) continue;
      for await (const header of segment.headers(this.endPositionOf(segment))) {
        if (header.maxTimestamp >= timestamp)
          return Math.max(header.baseOffset, this.logStartOffset);
      }
    }
    return this.durableOffset;
  }

  /**
   * ListOffsets v0: offsets at which segments start, newest first, from the
   * newest segment last written at or before `timestamp` (-1 latest, -2
   * earliest), at most `maxCount`. As in Kafka, the latest entry of a
   * non-empty log is its end (here the high watermark), stamped now; a closed
   * segment's time is that of its newest record.
   */
  segmentOffsetsBefore(timestamp: number, maxCount: number, now: number): number[] {
    const entries = this.segments.map((segment) => ({
      offset: Math.max(segment.baseOffset, this.logStartOffset),
      time: segment === this.activeSegment ? now : segment.maxTimestamp,
    }));
    if (this.activeSegment.size > 0) entries.push({ offset: this.durableOffset, time: now });
    let start = timestamp === -2 ? 0 : entries.length - 1;
    if (timestamp !== -1 && timestamp !== -2) {
      while (start >= 0 && entries[start].time > timestamp) start--;
    }
    const offsets: number[] = [];
    for (let i = start; i >= 0 && offsets.length < maxCount; i--) offsets.push(entries[i].offset);
    return offsets;
  }

  /** Deletes whole old segments beyond the size or age limit; the active one always stays. */
  applyRetention(now: number): void {
    const { retentionBytes, retentionMs } = this.options;
    let total = this.sizeInBytes;
    while (this.segments.length > 1) {
      const oldest = this.segments[0];
      const tooBig = retentionBytes !== undefined && total - oldest.size >= retentionBytes;
      const tooOld = retentionMs !== undefined && oldest.maxTimestamp < now - retentionMs;
      if (!tooBig && !tooOld) return;
      this.segments.shift();
      total -= oldest.size;
      oldest.delete();
      this.transactions.dropBefore(this.logStartOffset);
    }
  }

  close(): void {
    this.recent.clear();
    for (const segment of this.segments) segment.close();
  }
}

/** The batches of `records` that lie before `endOffset` (which is a batch boundary). */
function cutAt(records: readonly Buffer[], endOffset: number): Buffer[] {
  const kept: Buffer[] = [];
  for (const data of records) {
    for (let at = 0; at + BATCH_HEADER_SIZE <= data.length;) {
      const header = readBatchHeader(data, at);
      if (header.baseOffset >= endOffset) {
        if (at > 0) kept.push(data.subarray(0, at));
        return kept;
      }
      at += header.totalSize;
    }
    kept.push(data);
  }
  return kept;
}
