import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { RawRecord } from '../storage/record-format';

export type UuidFormat = 'string' | 'structured';

interface PreEncoded {
  readonly bytes: Buffer;
}

/**
 * A `ReadResp` whose wire bytes are already known. The generated serializer only checks
 * `instanceof ReadResp` and calls `serializeBinary()`, so events go from the stored record to
 * protobuf bytes directly. Made with `Object.create` to skip jspb's per-message initialisation.
 */
const preEncodedPrototype: ReadResp = Object.create(ReadResp.prototype, {
  serializeBinary: {
    value(this: PreEncoded): Buffer {
      return this.bytes;
    },
  },
});

export function preEncoded(bytes: Buffer): ReadResp {
  const message: ReadResp & PreEncoded = Object.create(preEncodedPrototype);
  return Object.assign(message, { bytes });
}

/** `responseSerialize` of `Streams/Read`: pre-encoded events go out as they are, without a copy. */
export function serializeReadResponse(message: ReadResp): Buffer {
  return isPreEncoded(message) ? message.bytes : Buffer.from(message.serializeBinary());
}

function isPreEncoded(message: ReadResp): message is ReadResp & PreEncoded {
  return Object.getPrototypeOf(message) === preEncodedPrototype;
}

// Field tags (field number << 3 | wire type) of the messages written here.
const LENGTH_DELIMITED = 2;
const tag = (field: number, wireType: number): number => (field << 3) | wireType;
const READ_RESP_EVENT = tag(1, LENGTH_DELIMITED);
const READ_EVENT_EVENT = tag(1, LENGTH_DELIMITED);
const READ_EVENT_COMMIT_POSITION = tag(3, 0);
const RECORDED_ID = tag(1, LENGTH_DELIMITED);
const RECORDED_STREAM = tag(2, LENGTH_DELIMITED);
const RECORDED_REVISION = tag(3, 0);
const RECORDED_PREPARE = tag(4, 0);
const RECORDED_COMMIT = tag(5, 0);
const RECORDED_METADATA_ENTRY = tag(6, LENGTH_DELIMITED);
const RECORDED_CUSTOM_METADATA = tag(7, LENGTH_DELIMITED);
const RECORDED_DATA = tag(8, LENGTH_DELIMITED);
const MAP_KEY = tag(1, LENGTH_DELIMITED);
const MAP_VALUE = tag(2, LENGTH_DELIMITED);
const STREAM_NAME = tag(3, LENGTH_DELIMITED);
const UUID_STRUCTURED = tag(1, LENGTH_DELIMITED);
const UUID_STRING = tag(2, LENGTH_DELIMITED);
const STRUCTURED_MOST = tag(1, 0);
const STRUCTURED_LEAST = tag(2, 0);

const SHORT_COPY_BYTES = 48;
const UUID_TEXT_LENGTH = 36;
const DASH = 0x2d;
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const TYPE_KEY = Buffer.from('type');
const CONTENT_TYPE_KEY = Buffer.from('content-type');
const CREATED_KEY = Buffer.from('created');

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size += 1;
  }
  return size;
}

export function bigVarintSize(value: bigint): number {
  let size = 1;
  while (value >= 0x80n) {
    value >>= 7n;
    size += 1;
  }
  return size;
}

/** A field whose value is `length` bytes: tag, length prefix, body. */
function delimitedSize(length: number): number {
  return 1 + varintSize(length) + length;
}

function mapEntrySize(key: number, value: number): number {
  return delimitedSize(delimitedSize(key) + delimitedSize(value));
}

class ProtoWriter {
  offset = 0;

  constructor(readonly buffer: Buffer) {}

  byte(value: number): void {
    this.buffer[this.offset++] = value;
  }

  varint(value: number): void {
    while (value >= 0x80) {
      this.buffer[this.offset++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buffer[this.offset++] = value;
  }

  bigVarint(value: bigint): void {
    while (value >= 0x80n) {
      this.buffer[this.offset++] = Number(value & 0x7fn) | 0x80;
      value >>= 7n;
    }
    this.buffer[this.offset++] = Number(value);
  }

  bytes(fieldTag: number, source: Buffer, start: number, end: number): void {
    this.byte(fieldTag);
    this.varint(end - start);
    if (end - start > SHORT_COPY_BYTES) {
      this.offset += source.copy(this.buffer, this.offset, start, end);
      return;
    }
    // Buffer#copy has a fixed cost that dwarfs copying a short name byte by byte.
    for (let i = start; i < end; i += 1) this.buffer[this.offset++] = source[i];
  }

  latin1(fieldTag: number, text: string): void {
    this.byte(fieldTag);
    this.varint(text.length);
    this.offset += this.buffer.write(text, this.offset, 'latin1');
  }

  /** A UUID's 16 bytes as its 36-character text form. */
  uuidText(fieldTag: number, source: Buffer, start: number): void {
    this.byte(fieldTag);
    this.byte(UUID_TEXT_LENGTH);
    for (let i = 0; i < 16; i += 1) {
      if (i === 4 || i === 6 || i === 8 || i === 10) this.byte(DASH);
      const value = source[start + i];
      this.byte(HEX_DIGITS[value >> 4]);
      this.byte(HEX_DIGITS[value & 0x0f]);
    }
  }

  mapEntry(key: Buffer, value: Buffer, valueStart: number, valueEnd: number): void {
    this.byte(RECORDED_METADATA_ENTRY);
    this.varint(delimitedSize(key.length) + delimitedSize(valueEnd - valueStart));
    this.bytes(MAP_KEY, key, 0, key.length);
    this.bytes(MAP_VALUE, value, valueStart, valueEnd);
  }

  textMapEntry(key: Buffer, value: string): void {
    this.byte(RECORDED_METADATA_ENTRY);
    this.varint(delimitedSize(key.length) + delimitedSize(value.length));
    this.bytes(MAP_KEY, key, 0, key.length);
    this.latin1(MAP_VALUE, value);
  }
}

/** The 64-bit halves of a UUID as the structured form carries them: signed, two's complement. */
function uuidHalves(record: RawRecord): [bigint, bigint] {
  const { buffer } = record;
  return [buffer.readBigUInt64BE(record.fields.id), buffer.readBigUInt64BE(record.fields.id + 8)];
}

/** `ReadResp{event: ReadEvent{event: RecordedEvent{…}, commit_position}}` straight from a stored record. */
export function encodedEventResponse(record: RawRecord, uuidFormat: UuidFormat): ReadResp {
  const { buffer, fields } = record;
  const position = record.position;
  const revision = buffer.readBigUInt64LE(fields.revision);
  const created = buffer.readBigInt64LE(fields.created).toString();
  const halves = uuidFormat === 'structured' ? uuidHalves(record) : undefined;
  const structuredSize =
    halves === undefined ? 0 : 2 + bigVarintSize(halves[0]) + bigVarintSize(halves[1]);
  const uuidSize = delimitedSize(halves === undefined ? UUID_TEXT_LENGTH : structuredSize);
  const streamSize = delimitedSize(fields.typeStart - fields.streamStart);
  const positionSize = position === 0 ? 0 : 1 + varintSize(position);
  const dataLength = fields.customMetadataStart - fields.dataStart;
  const customLength = fields.end - fields.customMetadataStart;
  const recordedSize =
    delimitedSize(uuidSize) +
    delimitedSize(streamSize) +
    (revision === 0n ? 0 : 1 + bigVarintSize(revision)) +
    positionSize * 2 +
    mapEntrySize(TYPE_KEY.length, fields.contentTypeStart - fields.typeStart) +
    mapEntrySize(CONTENT_TYPE_KEY.length, fields.dataStart - fields.contentTypeStart) +
    mapEntrySize(CREATED_KEY.length, created.length) +
    (customLength === 0 ? 0 : delimitedSize(customLength)) +
    (dataLength === 0 ? 0 : delimitedSize(dataLength));
  const readEventSize = delimitedSize(recordedSize) + positionSize;
  const writer = new ProtoWriter(Buffer.allocUnsafe(delimitedSize(readEventSize)));

  writer.byte(READ_RESP_EVENT);
  writer.varint(readEventSize);
  writer.byte(READ_EVENT_EVENT);
  writer.varint(recordedSize);
  writer.byte(RECORDED_ID);
  writer.varint(uuidSize);
  if (halves === undefined) {
    writer.uuidText(UUID_STRING, buffer, fields.id);
  } else {
    writer.byte(UUID_STRUCTURED);
    writer.varint(structuredSize);
    writer.byte(STRUCTURED_MOST);
    writer.bigVarint(halves[0]);
    writer.byte(STRUCTURED_LEAST);
    writer.bigVarint(halves[1]);
  }
  writer.byte(RECORDED_STREAM);
  writer.varint(streamSize);
  writer.bytes(STREAM_NAME, buffer, fields.streamStart, fields.typeStart);
  if (revision !== 0n) {
    writer.byte(RECORDED_REVISION);
    writer.bigVarint(revision);
  }
  if (position !== 0) {
    writer.byte(RECORDED_PREPARE);
    writer.varint(position);
    writer.byte(RECORDED_COMMIT);
    writer.varint(position);
  }
  writer.mapEntry(TYPE_KEY, buffer, fields.typeStart, fields.contentTypeStart);
  writer.mapEntry(CONTENT_TYPE_KEY, buffer, fields.contentTypeStart, fields.dataStart);
  writer.textMapEntry(CREATED_KEY, created);
  if (customLength !== 0)
    writer.bytes(RECORDED_CUSTOM_METADATA, buffer, fields.customMetadataStart, fields.end);
  if (dataLength !== 0)
    writer.bytes(RECORDED_DATA, buffer, fields.dataStart, fields.customMetadataStart);
  if (position !== 0) {
    writer.byte(READ_EVENT_COMMIT_POSITION);
    writer.varint(position);
  }
  return preEncoded(writer.buffer);
}
