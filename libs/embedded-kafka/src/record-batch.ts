import { crc32c } from './crc32c';

/**
 * RecordBatch v2 (magic 2) header layout. The broker stores batches exactly as
 * produced and rewrites only the base offset, which lies outside the CRC, so
 * compressed batches, keys, headers and timestamps pass through untouched.
 */
export const BATCH_HEADER_SIZE = 61;
/** Base offset and batch length precede the part that the batch length counts. */
export const BATCH_LENGTH_PREFIX = 12;
const BATCH_LENGTH_AT = 8;
const MAGIC_AT = 16;
const CRC_AT = 17;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const MAX_TIMESTAMP_AT = 35;
const PRODUCER_ID_AT = 43;
const PRODUCER_EPOCH_AT = 51;
const BASE_SEQUENCE_AT = 53;
const RECORDS_COUNT_AT = 57;
const TRANSACTIONAL_FLAG = 0x10;
const CONTROL_FLAG = 0x20;
const TWO_TO_32 = 0x1_0000_0000;

export interface RecordBatchHeader {
  readonly baseOffset: number;
  /** Bytes of the whole batch, including base offset and length fields. */
  readonly totalSize: number;
  readonly magic: number;
  readonly lastOffsetDelta: number;
  readonly maxTimestamp: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordCount: number;
  readonly isTransactional: boolean;
  readonly isControl: boolean;
}

function readInt64(buffer: Buffer, at: number): number {
  return buffer.readInt32BE(at) * TWO_TO_32 + buffer.readUInt32BE(at + 4);
}

/** Size of the batch starting at `at`, or undefined when fewer than 12 bytes remain. */
export function batchSizeAt(buffer: Buffer, at: number): number | undefined {
  if (buffer.length - at < BATCH_LENGTH_PREFIX) return undefined;
  return BATCH_LENGTH_PREFIX + buffer.readInt32BE(at + BATCH_LENGTH_AT);
}

export function readBatchHeader(buffer: Buffer, at = 0): RecordBatchHeader {
  const attributes = buffer.readInt16BE(at + ATTRIBUTES_AT);
  return {
    baseOffset: readInt64(buffer, at),
    totalSize: BATCH_LENGTH_PREFIX + buffer.readInt32BE(at + BATCH_LENGTH_AT),
    magic: buffer.readInt8(at + MAGIC_AT),
    lastOffsetDelta: buffer.readInt32BE(at + LAST_OFFSET_DELTA_AT),
    maxTimestamp: readInt64(buffer, at + MAX_TIMESTAMP_AT),
    producerId: readInt64(buffer, at + PRODUCER_ID_AT),
    producerEpoch: buffer.readInt16BE(at + PRODUCER_EPOCH_AT),
    baseSequence: buffer.readInt32BE(at + BASE_SEQUENCE_AT),
    recordCount: buffer.readInt32BE(at + RECORDS_COUNT_AT),
    isTransactional: (attributes & TRANSACTIONAL_FLAG) !== 0,
    isControl: (attributes & CONTROL_FLAG) !== 0,
  };
}

/** True when the stored CRC-32C matches the bytes from the attributes to the end of the batch. */
export function hasValidCrc(
  batch: Buffer,
  at = 0,
  totalSize = batchSizeAt(batch, at) ?? 0,
): boolean {
  if (totalSize < BATCH_HEADER_SIZE || at + totalSize > batch.length) return false;
  return batch.readUInt32BE(at + CRC_AT) === crc32c(batch, at + ATTRIBUTES_AT, at + totalSize);
}

export function writeBaseOffset(batch: Buffer, baseOffset: number, at = 0): void {
  batch.writeInt32BE(Math.floor(baseOffset / TWO_TO_32), at);
  batch.writeUInt32BE(baseOffset >>> 0, at + 4);
}

export type BatchSplit =
  | { readonly ok: true; readonly batches: Buffer[] }
  | { readonly ok: false; readonly reason: 'corrupt' | 'unsupported-magic' };

/** Splits a produce request's records field into whole, CRC-checked v2 batches. */
export function splitProducedBatches(records: Buffer): BatchSplit {
  const batches: Buffer[] = [];
  let at = 0;
  while (at < records.length) {
    const size = batchSizeAt(records, at);
    if (size === undefined || size < BATCH_HEADER_SIZE || at + size > records.length) {
      return { ok: false, reason: 'corrupt' };
    }
    if (records.readInt8(at + MAGIC_AT) !== 2) return { ok: false, reason: 'unsupported-magic' };
    if (!hasValidCrc(records, at, size)) return { ok: false, reason: 'corrupt' };
    batches.push(records.subarray(at, at + size));
    at += size;
  }
  return batches.length > 0 ? { ok: true, batches } : { ok: false, reason: 'corrupt' };
}
