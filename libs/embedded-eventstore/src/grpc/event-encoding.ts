import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { RawRecord } from '../storage/record-format';

export type UuidFormat = 'string' | 'structured';

/**
 * A `ReadResp` whose wire bytes are already known. The generated serializer only checks
 * `instanceof ReadResp` and calls `serializeBinary()`, so events go from the stored record to
 * protobuf bytes directly, without building six jspb messages per event.
 */
class PreEncodedReadResp extends ReadResp {
  constructor(private readonly bytes: Uint8Array) {
    super();
  }

  override serializeBinary(): Uint8Array {
    return this.bytes;
  }
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

function bigVarintSize(value: bigint): number {
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
    this.offset += source.copy(this.buffer, this.offset, start, end);
  }

  mapEntry(key: Buffer, value: Buffer, valueStart: number, valueEnd: number): void {
    this.byte(RECORDED_METADATA_ENTRY);
    this.varint(delimitedSize(key.length) + delimitedSize(valueEnd - valueStart));
    this.bytes(MAP_KEY, key, 0, key.length);
    this.bytes(MAP_VALUE, value, valueStart, valueEnd);
  }
}

/** The 64-bit halves of a UUID as the structured form carries them: signed, two's complement. */
function uuidHalves(record: RawRecord): [bigint, bigint] {
  const { buffer } = record;
  return [buffer.readBigUInt64BE(record.fields.id), buffer.readBigUInt64BE(record.fields.id + 8)];
}

function uuidText(record: RawRecord): Buffer {
  const hex = record.buffer.toString('hex', record.fields.id, record.fields.id + 16);
  return Buffer.from(
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    'latin1',
  );
}

/** `ReadResp{event: ReadEvent{event: RecordedEvent{…}, commit_position}}` straight from a stored record. */
export function encodedEventResponse(record: RawRecord, uuidFormat: UuidFormat): ReadResp {
  const { buffer, fields } = record;
  const position = record.position;
  const revision = buffer.readBigUInt64LE(fields.revision);
  const created = Buffer.from(buffer.readBigInt64LE(fields.created).toString(), 'latin1');
  const textId = uuidFormat === 'string' ? uuidText(record) : undefined;
  const halves = uuidFormat === 'structured' ? uuidHalves(record) : undefined;
  const uuidSize =
    textId !== undefined
      ? delimitedSize(textId.length)
      : halves === undefined
        ? 0
        : 2 + bigVarintSize(halves[0]) + bigVarintSize(halves[1]);
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
  if (textId !== undefined) writer.bytes(UUID_STRING, textId, 0, textId.length);
  if (halves !== undefined) {
    writer.byte(UUID_STRUCTURED);
    writer.varint(uuidSize - 2);
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
  writer.mapEntry(CREATED_KEY, created, 0, created.length);
  if (customLength !== 0)
    writer.bytes(RECORDED_CUSTOM_METADATA, buffer, fields.customMetadataStart, fields.end);
  if (dataLength !== 0)
    writer.bytes(RECORDED_DATA, buffer, fields.dataStart, fields.customMetadataStart);
  if (position !== 0) {
    writer.byte(READ_EVENT_COMMIT_POSITION);
    writer.varint(position);
  }
  return new PreEncodedReadResp(writer.buffer);
}
