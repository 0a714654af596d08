import { AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { ExpectedRevision } from '../store/expected-revision';
import { RecentTexts } from '../storage/recent-texts';
import { bigVarintSize } from './event-encoding';

/**
 * `Streams/Append` messages decoded straight from the wire instead of through google-protobuf,
 * whose per-message objects (message, reader, map, UUID, Empty…) cost the server more CPU than
 * storing the event. Decoding is lenient; the handler validates, as it did with jspb objects.
 */
export interface AppendRequestMessage {
  readonly options: AppendOptions | undefined;
  readonly event: WireEvent | undefined;
}

export interface AppendOptions {
  /** Undefined when no stream identifier was sent. */
  readonly streamName: string | undefined;
  readonly expected: ExpectedRevision | undefined;
}

export interface WireEvent {
  /** Undefined when the id is neither a UUID string nor a structured UUID. */
  readonly id: Buffer | undefined;
  readonly type: string | undefined;
  readonly contentType: string | undefined;
  readonly data: Buffer;
  readonly customMetadata: Buffer;
}

export const VARINT = 0;
const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
const FIXED32 = 5;
const EMPTY = Buffer.alloc(0);
const UUID_TEXT_LENGTH = 36;
const DASH = 0x2d;

function hexValue(char: number): number {
  if (char >= 0x30 && char <= 0x39) return char - 0x30;
  const lower = char | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

// Event types and metadata keys recur from event to event; each pending event of a 1,000-event
// append would otherwise hold its own copy of its type name.
const recentTexts = new RecentTexts(16, 128);
export const tag = (field: number, wireType: number): number => (field << 3) | wireType;

/** A cursor over one protobuf message (or a sub-range of one). */
export class ProtoReader {
  constructor(
    private readonly buffer: Buffer,
    public offset: number,
    private readonly end: number,
  ) {}

  more(): boolean {
    return this.offset < this.end;
  }

  /** Calls `read` with each field's key; fields it does not read (returns false) are skipped. */
  fields(read: (key: number, reader: ProtoReader) => boolean): void {
    while (this.offset < this.end) {
      const key = this.varint();
      if (!read(key, this)) this.skip(key & 7);
    }
  }

  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.offset >= this.end) throw new RangeError('truncated protobuf varint');
      const byte = this.buffer[this.offset++];
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
      if (scale > 2 ** 63) throw new RangeError('protobuf varint too long');
    }
  }

  bigVarint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.offset >= this.end) throw new RangeError('truncated protobuf varint');
      const byte = this.buffer[this.offset++];
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asUintN(64, result);
      shift += 7n;
      if (shift > 63n) throw new RangeError('protobuf varint too long');
    }
  }

  /** The body of a length-delimited field as a [start, end) range of the buffer. */
  delimited(): ProtoReader {
    const length = this.varint();
    const start = this.offset;
    if (start + length > this.end) throw new RangeError('truncated protobuf field');
    this.offset += length;
    return new ProtoReader(this.buffer, start, start + length);
  }

  bytes(): Buffer {
    const field = this.delimited();
    return this.buffer.subarray(field.offset, field.end);
  }

  text(): string {
    const field = this.delimited();
    return this.buffer.toString('utf8', field.offset, field.end);
  }

  /** A short text that recurs (metadata keys, event and content types) without a new string each time. */
  recurringText(): string {
    const field = this.delimited();
    return recentTexts.text(this.buffer, field.offset, field.end);
  }

  /** A UUID's 36-character text form as its 16 bytes, parsed in place; undefined if malformed. */
  uuidText(): Buffer | undefined {
    const field = this.delimited();
    if (field.end - field.offset !== UUID_TEXT_LENGTH) return undefined;
    const bytes = Buffer.allocUnsafe(16);
    let cursor = field.offset;
    for (let i = 0; i < 16; i += 1) {
      if (i === 4 || i === 6 || i === 8 || i === 10) {
        if (this.buffer[cursor++] !== DASH) return undefined;
      }
      const high = hexValue(this.buffer[cursor++]);
      const low = hexValue(this.buffer[cursor++]);
      if (high < 0 || low < 0) return undefined;
      bytes[i] = (high << 4) | low;
    }
    return bytes;
  }

  skip(wireType: number): void {
    if (wireType === VARINT) this.varint();
    else if (wireType === FIXED64) this.advance(8);
    else if (wireType === LENGTH_DELIMITED) this.delimited();
    else if (wireType === FIXED32) this.advance(4);
    else throw new RangeError(`unsupported protobuf wire type ${wireType}`);
  }

  private advance(bytes: number): void {
    if (this.offset + bytes > this.end) throw new RangeError('truncated protobuf field');
    this.offset += bytes;
  }
}

/** `requestDeserialize` of `Streams/Append`: one `AppendReq`. */
export function decodeAppendRequest(buffer: Buffer): AppendRequestMessage {
  let options: AppendOptions | undefined;
  let event: WireEvent | undefined;
  // `content` is a oneof: the last member on the wire wins.
  new ProtoReader(buffer, 0, buffer.length).fields((key, reader) => {
    if (key === tag(1, LENGTH_DELIMITED)) {
      options = decodeOptions(reader.delimited());
      event = undefined;
    } else if (key === tag(2, LENGTH_DELIMITED)) {
      event = decodeEvent(reader.delimited());
      options = undefined;
    } else {
      return false;
    }
    return true;
  });
  return { options, event };
}

/** The expected-revision oneof's empty members, by key, shared by the append and batch-append options. */
export const EXPECTED_BY_KEY = new Map<number, ExpectedRevision>([
  [tag(3, LENGTH_DELIMITED), { kind: 'no_stream' }],
  [tag(4, LENGTH_DELIMITED), { kind: 'any' }],
  [tag(5, LENGTH_DELIMITED), { kind: 'stream_exists' }],
]);

function decodeOptions(options: ProtoReader): AppendOptions {
  let streamName: string | undefined;
  let expected: ExpectedRevision | undefined;
  options.fields((key, reader) => {
    const empty = EXPECTED_BY_KEY.get(key);
    if (key === tag(1, LENGTH_DELIMITED)) streamName = decodeStreamIdentifier(reader.delimited());
    else if (key === tag(2, VARINT)) expected = { kind: 'exact', revision: reader.bigVarint() };
    else if (empty === undefined) return false;
    else {
      reader.delimited();
      expected = empty;
    }
    return true;
  });
  return { streamName, expected };
}

export function decodeStreamIdentifier(identifier: ProtoReader): string {
  let name = '';
  identifier.fields((key, reader) => {
    if (key !== tag(3, LENGTH_DELIMITED)) return false;
    name = reader.text();
    return true;
  });
  return name;
}

export function decodeEvent(message: ProtoReader): WireEvent {
  let id: Buffer | undefined;
  let type: string | undefined;
  let contentType: string | undefined;
  let data: Buffer = EMPTY;
  let customMetadata: Buffer = EMPTY;
  message.fields((key, reader) => {
    if (key === tag(1, LENGTH_DELIMITED)) {
      id = decodeUuid(reader.delimited());
    } else if (key === tag(2, LENGTH_DELIMITED)) {
      const [entryKey, value] = decodeMapEntry(reader.delimited());
      if (entryKey === 'type') type = value;
      else if (entryKey === 'content-type') contentType = value;
    } else if (key === tag(3, LENGTH_DELIMITED)) {
      customMetadata = reader.bytes();
    } else if (key === tag(4, LENGTH_DELIMITED)) {
      data = reader.bytes();
    } else {
      return false;
    }
    return true;
  });
  return { id, type, contentType, data, customMetadata };
}

function decodeMapEntry(entry: ProtoReader): [string, string] {
  let key = '';
  let value = '';
  entry.fields((fieldKey, reader) => {
    if (fieldKey === tag(1, LENGTH_DELIMITED)) key = reader.recurringText();
    else if (fieldKey === tag(2, LENGTH_DELIMITED)) value = reader.recurringText();
    else return false;
    return true;
  });
  return [key, value];
}

/** 16 UUID bytes from either wire form: structured (two signed 64-bit halves) or text. */
export function decodeUuid(uuid: ProtoReader): Buffer | undefined {
  let id: Buffer | undefined;
  uuid.fields((key, reader) => {
    if (key === tag(1, LENGTH_DELIMITED)) id = decodeStructuredUuid(reader.delimited());
    else if (key === tag(2, LENGTH_DELIMITED)) id = reader.uuidText();
    else return false;
    return true;
  });
  return id;
}

function decodeStructuredUuid(structured: ProtoReader): Buffer {
  let most = 0n;
  let least = 0n;
  structured.fields((key, reader) => {
    if (key === tag(1, VARINT)) most = reader.bigVarint();
    else if (key === tag(2, VARINT)) least = reader.bigVarint();
    else return false;
    return true;
  });
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeBigUInt64BE(most, 0);
  bytes.writeBigUInt64BE(least, 8);
  return bytes;
}

/** What the append handler answers with: a jspb message, or a success already encoded. */
export type AppendResponse = AppendResp | Buffer;

/** `responseSerialize` of `Streams/Append`. */
export function serializeAppendResponse(response: AppendResponse): Buffer {
  return Buffer.isBuffer(response) ? response : Buffer.from(response.serializeBinary());
}

/**
 * `AppendResp{success: {current_revision, position: {commit, prepare}}}`, the answer to nearly
 * every append, written directly. The revision is a oneof member, so 0 is written too.
 */
export function encodedAppendSuccess(revision: bigint, position: bigint): Buffer {
  const positionBody = position === 0n ? 0 : 2 * (1 + bigVarintSize(position));
  const successBody = 1 + bigVarintSize(revision) + 2 + positionBody;
  const buffer = Buffer.allocUnsafe(2 + successBody);
  let offset = 0;
  const varint = (value: bigint): void => {
    while (value >= 0x80n) {
      buffer[offset++] = Number(value & 0x7fn) | 0x80;
      value >>= 7n;
    }
    buffer[offset++] = Number(value);
  };
  buffer[offset++] = tag(1, LENGTH_DELIMITED);
  buffer[offset++] = successBody;
  buffer[offset++] = tag(1, VARINT);
  varint(revision);
  buffer[offset++] = tag(3, LENGTH_DELIMITED);
  buffer[offset++] = positionBody;
  if (position !== 0n) {
    buffer[offset++] = tag(1, VARINT);
    varint(position);
    buffer[offset++] = tag(2, VARINT);
    varint(position);
  }
  return buffer;
}
