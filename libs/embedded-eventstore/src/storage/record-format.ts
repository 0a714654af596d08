import { crc32 } from 'node:zlib';
import { RecentTexts } from './recent-texts';

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
/**
 * The real server's 1 MiB limit leaves names and content types uncounted, so many events with
 * long ones could still make a commit bigger than a log segment, which must hold it whole.
 */
export const MAX_COMMIT_BYTES = 64 * 1024 * 1024;

export function encodeRecord(record: StoredRecord, endOfCommit: boolean): Buffer {
  return encodeCommit([record], endOfCommit).bytes;
}

/** One append's records encoded back to back in one buffer, with the offset of each. */
export interface EncodedCommit {
  readonly bytes: Buffer;
  readonly offsets: readonly number[];
}

/**
 * Encodes records into a single buffer (one allocation and one write per commit, rather than
 * one per event); the last record carries the end-of-commit flag when `endOfCommit`. Throws,
 * before anything is written anywhere, if a name or the whole commit is too long.
 */
export function encodeCommit(records: readonly StoredRecord[], endOfCommit = true): EncodedCommit {
  const offsets: number[] = [];
  let total = 0;
  for (const record of records) {
    offsets.push(total);
    total += RECORD_HEADER_BYTES + payloadLengthOf(record);
  }
  if (total > MAX_COMMIT_BYTES) {
    throw new RangeError(
      `an append may take at most ${MAX_COMMIT_BYTES} bytes in the log, names and content types included; this one takes ${total}`,
    );
  }
  const buffer = Buffer.allocUnsafe(total);
  records.forEach((record, i) =>
    writeRecord(record, endOfCommit && i === records.length - 1, buffer, offsets[i]),
  );
  return { bytes: buffer, offsets };
}

function payloadLengthOf(record: StoredRecord): number {
  const stream = Buffer.byteLength(record.streamName, 'utf8');
  const type = Buffer.byteLength(record.type, 'utf8');
  const contentType = Buffer.byteLength(record.contentType, 'utf8');
  if (stream > MAX_NAME_BYTES || type > MAX_NAME_BYTES || contentType > MAX_NAME_BYTES) {
    throw new RangeError('stream name, event type and content type must each be under 64 KiB');
  }
  return (
    FIXED_PAYLOAD_BYTES +
    stream +
    type +
    contentType +
    record.data.length +
    record.customMetadata.length
  );
}

function writeRecord(
  record: StoredRecord,
  endOfCommit: boolean,
  buffer: Buffer,
  start: number,
): void {
  const payload = start + RECORD_HEADER_BYTES;
  let flags = endOfCommit ? FLAG_END_OF_COMMIT : 0;
  if (record.tombstone) flags |= FLAG_TOMBSTONE;
  buffer[payload] = flags;
  buffer[payload + 1] = FORMAT_VERSION;
  buffer.writeUInt32LE(record.data.length, payload + 8);
  buffer.writeUInt32LE(record.customMetadata.length, payload + 12);
  buffer.writeBigInt64LE(record.revision, payload + 16);
  buffer.writeBigInt64LE(record.createdTicks, payload + 24);
  record.id.copy(buffer, payload + 32, 0, 16);
  let offset = payload + FIXED_PAYLOAD_BYTES;
  // Each name's byte length goes into the u16 slots as it is written.
  const names = [record.streamName, record.type, record.contentType];
  for (let i = 0; i < names.length; i += 1) {
    const written = buffer.write(names[i], offset, 'utf8');
    buffer.writeUInt16LE(written, payload + 2 + 2 * i);
    offset += written;
  }
  offset += record.data.copy(buffer, offset);
  offset += record.customMetadata.copy(buffer, offset);
  buffer.writeUInt32LE(offset - payload, start);
  buffer.writeUInt32LE(crc32(buffer.subarray(payload, offset)), start + 4);
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

/** A copy of a record in a buffer of its own, which later reads cannot overwrite. */
export function detachRecord(record: RawRecord): RawRecord {
  const start = record.fields.streamStart - FIXED_PAYLOAD_BYTES - RECORD_HEADER_BYTES;
  const buffer = Buffer.from(record.buffer.subarray(start, record.fields.end));
  return { buffer, position: record.position, fields: rawRecordFields(buffer, 0) };
}

export function createdTicksOf(record: RawRecord): bigint {
  return record.buffer.readBigInt64LE(record.fields.created);
}

// Recovery decodes every record of the log; consecutive ones mostly share their names.
const recentNames = new RecentTexts(16, 256);

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
  const streamName = recentNames.text(buffer, cursor, (cursor += streamLength));
  const type = recentNames.text(buffer, cursor, (cursor += typeLength));
  const contentType = recentNames.text(buffer, cursor, (cursor += contentTypeLength));
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
