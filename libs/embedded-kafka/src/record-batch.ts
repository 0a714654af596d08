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

/** Control record types (the key of a control batch's single record). */
export const ControlType = { ABORT: 0, COMMIT: 1 } as const;
const CONTROL_BATCH_ATTRIBUTES = TRANSACTIONAL_FLAG | CONTROL_FLAG;
/** length, attributes, timestamp delta, offset delta, key length, key (4), value length, value (6), header count. */
const CONTROL_RECORD = Buffer.from([
  0x20, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00,
]);
const CONTROL_TYPE_AT = BATCH_HEADER_SIZE + 7;

/**
 * The end-transaction marker Kafka writes to each partition of a transaction:
 * a control batch of one record whose key is (version 0, type) and whose value
 * is (version 0, coordinator epoch).
 */
export function buildControlBatch(
  producerId: number,
  producerEpoch: number,
  type: number,
  timestamp: number,
): Buffer {
  const batch = Buffer.alloc(BATCH_HEADER_SIZE + CONTROL_RECORD.length);
  batch.writeInt32BE(batch.length - BATCH_LENGTH_PREFIX, BATCH_LENGTH_AT);
  batch.writeInt8(2, MAGIC_AT);
  batch.writeInt16BE(CONTROL_BATCH_ATTRIBUTES, ATTRIBUTES_AT);
  writeInt64(batch, timestamp, 27);
  writeInt64(batch, timestamp, MAX_TIMESTAMP_AT);
  writeInt64(batch, producerId, PRODUCER_ID_AT);
  batch.writeInt16BE(producerEpoch, PRODUCER_EPOCH_AT);
  batch.writeInt32BE(-1, BASE_SEQUENCE_AT);
  batch.writeInt32BE(1, RECORDS_COUNT_AT);
  CONTROL_RECORD.copy(batch, BATCH_HEADER_SIZE);
  batch.writeInt16BE(type, CONTROL_TYPE_AT);
  batch.writeUInt32BE(crc32c(batch, ATTRIBUTES_AT), CRC_AT);
  return batch;
}

/** Bytes from a batch's start that hold a control batch's type (see `controlTypeOf`). */
export const CONTROL_TYPE_END = CONTROL_TYPE_AT + 2;

/**
 * The type of the control batch at `at` (its first record's key), reading the
 * record's varint fields rather than assuming their sizes; undefined when the
 * bytes do not hold a control key.
 */
export function controlTypeOf(batch: Buffer, at = 0): number | undefined {
  let position = at + BATCH_HEADER_SIZE;
  const end = batch.length;
  const skipVarint = (): boolean => {
    while (position < end) {
      if ((batch[position++] & 0x80) === 0) return true;
    }
    return false;
  };
  if (!skipVarint()) return undefined;
  position += 1;
  if (!skipVarint() || !skipVarint() || !skipVarint()) return undefined;
  if (position + 4 > end) return undefined;
  return batch.readInt16BE(position + 2);
}

function writeInt64(buffer: Buffer, value: number, at: number): void {
  buffer.writeInt32BE(Math.floor(value / TWO_TO_32), at);
  buffer.writeUInt32BE(value >>> 0, at + 4);
}
