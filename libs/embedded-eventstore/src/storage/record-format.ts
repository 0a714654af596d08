import { crc32 } from 'node:zlib';

/** One event as it is stored in the log. */
export interface StoredRecord {
  readonly streamName: string;
  readonly revision: bigint;
  readonly createdTicks: bigint;
  /** 16 raw UUID bytes. */
  readonly id: Buffer;
  readonly type: string;
  readonly contentType: string;
  readonly data: Buffer;
  readonly customMetadata: Buffer;
  readonly tombstone: boolean;
}

/** Marks the last record of one append, so recovery never keeps half of a multi-event write. */
export const FLAG_END_OF_COMMIT = 1;
const FLAG_TOMBSTONE = 2;

// Layout (little endian): u32 payload length, u32 CRC-32 of the payload, then the payload:
// u8 flags, u8 format version, u16 stream length, u16 type length, u16 content-type length,
// u32 data length, u32 custom-metadata length, i64 revision, i64 created ticks, 16-byte id,
// then the variable-length fields in that order.
const RECORD_HEADER_BYTES = 8;
const FIXED_PAYLOAD_BYTES = 48;
const FORMAT_VERSION = 1;
const MAX_NAME_BYTES = 0xffff;
/** Far above any record an accepted append can produce (1 MiB of event bodies plus names). */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

export function encodeRecord(record: StoredRecord, endOfCommit: boolean): Buffer {
  const stream = Buffer.from(record.streamName, 'utf8');
  const type = Buffer.from(record.type, 'utf8');
  const contentType = Buffer.from(record.contentType, 'utf8');
  if (
    stream.length > MAX_NAME_BYTES ||
    type.length > MAX_NAME_BYTES ||
    contentType.length > MAX_NAME_BYTES
  ) {
    throw new RangeError('stream name, event type and content type must each be under 64 KiB');
  }
  const payloadLength =
    FIXED_PAYLOAD_BYTES +
    stream.length +
    type.length +
    contentType.length +
    record.data.length +
    record.customMetadata.length;
  const buffer = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payloadLength);
  let flags = endOfCommit ? FLAG_END_OF_COMMIT : 0;
  if (record.tombstone) flags |= FLAG_TOMBSTONE;
  buffer.writeUInt32LE(payloadLength, 0);
  buffer.writeUInt8(flags, 8);
  buffer.writeUInt8(FORMAT_VERSION, 9);
  buffer.writeUInt16LE(stream.length, 10);
  buffer.writeUInt16LE(type.length, 12);
  buffer.writeUInt16LE(contentType.length, 14);
  buffer.writeUInt32LE(record.data.length, 16);
  buffer.writeUInt32LE(record.customMetadata.length, 20);
  buffer.writeBigInt64LE(record.revision, 24);
  buffer.writeBigInt64LE(record.createdTicks, 32);
  record.id.copy(buffer, 40, 0, 16);
  let offset = RECORD_HEADER_BYTES + FIXED_PAYLOAD_BYTES;
  for (const part of [stream, type, contentType, record.data, record.customMetadata]) {
    part.copy(buffer, offset);
    offset += part.length;
  }
  buffer.writeUInt32LE(crc32(buffer.subarray(RECORD_HEADER_BYTES)), 4);
  return buffer;
}

export type RecordProbe =
  | { readonly kind: 'complete'; readonly length: number; readonly flags: number }
  | { readonly kind: 'torn' };

/** Checks the record starting at `offset`: is it whole and does its checksum match? */
export function probeRecord(buffer: Buffer, offset: number): RecordProbe {
  if (offset + RECORD_HEADER_BYTES > buffer.length) return { kind: 'torn' };
  const payloadLength = buffer.readUInt32LE(offset);
  const end = offset + RECORD_HEADER_BYTES + payloadLength;
  if (payloadLength < FIXED_PAYLOAD_BYTES || end > buffer.length) return { kind: 'torn' };
  const payload = buffer.subarray(offset + RECORD_HEADER_BYTES, end);
  if (crc32(payload) !== buffer.readUInt32LE(offset + 4)) return { kind: 'torn' };
  if (payload.readUInt8(1) !== FORMAT_VERSION) return { kind: 'torn' };
  return { kind: 'complete', length: end - offset, flags: payload.readUInt8(0) };
}

/** Reads the total length (header included) of the record at `offset`, without verifying it. */
export function recordLengthAt(buffer: Buffer, offset: number): number {
  return RECORD_HEADER_BYTES + buffer.readUInt32LE(offset);
}

/** Byte offsets of a stored record's fields inside its buffer, for copying them out without decoding. */
export interface RawRecordFields {
  readonly revision: number;
  readonly created: number;
  readonly id: number;
  readonly streamStart: number;
  readonly typeStart: number;
  readonly contentTypeStart: number;
  readonly dataStart: number;
  readonly customMetadataStart: number;
  readonly end: number;
}

/** A stored record left in place: its buffer, its log position and where its fields lie. */
export interface RawRecord {
  readonly buffer: Buffer;
  readonly position: number;
  readonly fields: RawRecordFields;
}

export function rawRecordFields(buffer: Buffer, offset: number): RawRecordFields {
  const base = offset + RECORD_HEADER_BYTES;
  const streamStart = base + FIXED_PAYLOAD_BYTES;
  const typeStart = streamStart + buffer.readUInt16LE(base + 2);
  const contentTypeStart = typeStart + buffer.readUInt16LE(base + 4);
  const dataStart = contentTypeStart + buffer.readUInt16LE(base + 6);
  const customMetadataStart = dataStart + buffer.readUInt32LE(base + 8);
  return {
    revision: base + 16,
    created: base + 24,
    id: base + 32,
    streamStart,
    typeStart,
    contentTypeStart,
    dataStart,
    customMetadataStart,
    end: customMetadataStart + buffer.readUInt32LE(base + 12),
  };
}

export function createdTicksOf(record: RawRecord): bigint {
  return record.buffer.readBigInt64LE(record.fields.created);
}

/** Decodes a record that is known to be whole (written by us, or probed). Copies nothing but the strings. */
export function decodeRecord(buffer: Buffer, offset: number): StoredRecord {
  const base = offset + RECORD_HEADER_BYTES;
  const flags = buffer.readUInt8(base);
  const streamLength = buffer.readUInt16LE(base + 2);
  const typeLength = buffer.readUInt16LE(base + 4);
  const contentTypeLength = buffer.readUInt16LE(base + 6);
  const dataLength = buffer.readUInt32LE(base + 8);
  const metadataLength = buffer.readUInt32LE(base + 12);
  let cursor = base + FIXED_PAYLOAD_BYTES;
  const streamName = buffer.toString('utf8', cursor, (cursor += streamLength));
  const type = buffer.toString('utf8', cursor, (cursor += typeLength));
  const contentType = buffer.toString('utf8', cursor, (cursor += contentTypeLength));
  const data = buffer.subarray(cursor, (cursor += dataLength));
  const customMetadata = buffer.subarray(cursor, cursor + metadataLength);
  return {
    streamName,
    revision: buffer.readBigInt64LE(base + 16),
    createdTicks: buffer.readBigInt64LE(base + 24),
    id: buffer.subarray(base + 32, base + 48),
    type,
    contentType,
    data,
    customMetadata,
    tombstone: (flags & FLAG_TOMBSTONE) !== 0,
  };
}
