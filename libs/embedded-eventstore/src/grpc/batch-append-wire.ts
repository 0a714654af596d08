import type { ExpectedRevision } from '../store/expected-revision';
import {
  decodeEvent,
  decodeStreamIdentifier,
  decodeUuid,
  EXPECTED_BY_KEY,
  LENGTH_DELIMITED,
  ProtoReader,
  tag,
  VARINT,
  type WireEvent,
} from './append-wire';
import { bigVarintSize } from './event-encoding';

/**
 * `Streams/BatchAppend` requests decoded straight from the wire, as `Streams/Append` ones are:
 * the client sends every append through this call once it is advertised. Decoding is lenient;
 * the handler checks what the real server checks, in its order.
 */
export interface BatchAppendRequest {
  /** The correlation id's `UUID` message as received, echoed in the answers; undefined if absent. */
  readonly correlationId: Buffer | undefined;
  /** The correlation id's 16 bytes as hex; undefined when absent or not a UUID. */
  readonly correlationKey: string | undefined;
  readonly options: BatchAppendOptions | undefined;
  readonly events: readonly WireEvent[];
  readonly isFinal: boolean;
}

export interface BatchAppendOptions {
  /** Undefined when no stream identifier was sent. */
  readonly streamName: string | undefined;
  readonly expected: ExpectedRevision | undefined;
  readonly deadline: RequestedDeadline;
}

/** `deadline_21_10_0` is a Timestamp (what the Node client sends), `deadline` a Duration. */
export type RequestedDeadline =
  | { readonly kind: 'none' }
  | { readonly kind: 'at' | 'within'; readonly seconds: bigint; readonly nanos: number };

const NO_EVENTS: readonly WireEvent[] = [];
const NO_DEADLINE: RequestedDeadline = { kind: 'none' };

/** `requestDeserialize` of `Streams/BatchAppend`: one `BatchAppendReq`. */
export function decodeBatchAppendRequest(buffer: Buffer): BatchAppendRequest {
  let correlationId: Buffer | undefined;
  let options: BatchAppendOptions | undefined;
  let events: WireEvent[] | undefined;
  let isFinal = false;
  new ProtoReader(buffer, 0, buffer.length).fields((key, reader) => {
    if (key === tag(3, LENGTH_DELIMITED)) (events ??= []).push(decodeEvent(reader.delimited()));
    else if (key === tag(1, LENGTH_DELIMITED)) correlationId = reader.bytes();
    else if (key === tag(2, LENGTH_DELIMITED)) options = decodeOptions(reader.delimited(), options);
    else if (key === tag(4, VARINT)) isFinal = reader.varint() !== 0;
    else return false;
    return true;
  });
  let correlationKey: string | undefined;
  if (correlationId !== undefined) {
    correlationKey = decodeUuid(new ProtoReader(correlationId, 0, correlationId.length))?.toString(
      'hex',
    );
  }
  return { correlationId, correlationKey, options, events: events ?? NO_EVENTS, isFinal };
}

/** Decodes options; a message field sent twice is merged into the first, as protobuf parsers do. */
function decodeOptions(
  options: ProtoReader,
  earlier: BatchAppendOptions | undefined,
): BatchAppendOptions {
  let streamName = earlier?.streamName;
  let expected = earlier?.expected;
  let deadline = earlier?.deadline ?? NO_DEADLINE;
  options.fields((key, reader) => {
    const empty = EXPECTED_BY_KEY.get(key);
    if (key === tag(1, LENGTH_DELIMITED)) streamName = decodeStreamIdentifier(reader.delimited());
    else if (key === tag(2, VARINT)) expected = { kind: 'exact', revision: reader.bigVarint() };
    else if (key === tag(6, LENGTH_DELIMITED)) deadline = decodeTime('at', reader.delimited());
    else if (key === tag(7, LENGTH_DELIMITED)) deadline = decodeTime('within', reader.delimited());
    else if (empty === undefined) return false;
    else {
      reader.delimited();
      expected = empty;
    }
    return true;
  });
  return { streamName, expected, deadline };
}

/** A Timestamp or a Duration: both are `int64 seconds = 1; int32 nanos = 2`. */
function decodeTime(kind: 'at' | 'within', time: ProtoReader): RequestedDeadline {
  let seconds = 0n;
  let nanos = 0;
  time.fields((key, reader) => {
    if (key === tag(1, VARINT)) seconds = BigInt.asIntN(64, reader.bigVarint());
    else if (key === tag(2, VARINT)) nanos = Number(BigInt.asIntN(32, reader.bigVarint()));
    else return false;
    return true;
  });
  return { kind, seconds, nanos };
}

// Field tags of `BatchAppendResp` and the messages inside it.
const RESP_CORRELATION_ID = tag(1, LENGTH_DELIMITED);
const RESP_ERROR = tag(2, LENGTH_DELIMITED);
const RESP_SUCCESS = tag(3, LENGTH_DELIMITED);
const RESP_STREAM_IDENTIFIER = tag(4, LENGTH_DELIMITED);
const SUCCESS_CURRENT_REVISION = tag(1, VARINT);
const SUCCESS_NO_STREAM = tag(2, LENGTH_DELIMITED);
const SUCCESS_POSITION = tag(3, LENGTH_DELIMITED);
const SUCCESS_NO_POSITION = tag(4, LENGTH_DELIMITED);
const POSITION_COMMIT = tag(1, VARINT);
const POSITION_PREPARE = tag(2, VARINT);
const STREAM_NAME = tag(3, LENGTH_DELIMITED);

/** Writes protobuf fields into a buffer sized beforehand. */
class FieldWriter {
  offset = 0;
  constructor(readonly buffer: Buffer) {}

  varint(value: bigint | number): void {
    let rest = BigInt(value);
    while (rest >= 0x80n) {
      this.buffer[this.offset++] = Number(rest & 0x7fn) | 0x80;
      rest >>= 7n;
    }
    this.buffer[this.offset++] = Number(rest);
  }

  bytes(key: number, bytes: Buffer): void {
    this.buffer[this.offset++] = key;
    this.varint(bytes.length);
    this.offset += bytes.copy(this.buffer, this.offset);
  }
}

function delimitedSize(length: number): number {
  return 1 + bigVarintSize(BigInt(length)) + length;
}

/** `StreamIdentifier{stream_name}`'s body; the real server names the stream in every answer. */
export function streamIdentifierBody(streamName: string): Buffer {
  const name = Buffer.from(streamName, 'utf8');
  const body = Buffer.allocUnsafe(name.length === 0 ? 0 : delimitedSize(name.length));
  if (name.length > 0) new FieldWriter(body).bytes(STREAM_NAME, name);
  return body;
}

/** The `result` of an answer: a success's or an error's encoded body. */
export type BatchAppendResult =
  | { readonly kind: 'success'; readonly body: Buffer }
  | { readonly kind: 'error'; readonly status: Buffer };

/**
 * `BatchAppendResp{correlation_id, success | error, stream_identifier}`. Like the real server
 * it leaves `expected_stream_position` unset.
 */
export function encodeBatchAppendResponse(
  correlationId: Buffer | undefined,
  result: BatchAppendResult,
  streamIdentifier: Buffer | undefined,
): Buffer {
  const resultBody = result.kind === 'success' ? result.body : result.status;
  let size = delimitedSize(resultBody.length);
  if (correlationId !== undefined) size += delimitedSize(correlationId.length);
  if (streamIdentifier !== undefined) size += delimitedSize(streamIdentifier.length);
  const writer = new FieldWriter(Buffer.allocUnsafe(size));
  if (correlationId !== undefined) writer.bytes(RESP_CORRELATION_ID, correlationId);
  writer.bytes(result.kind === 'success' ? RESP_SUCCESS : RESP_ERROR, resultBody);
  if (streamIdentifier !== undefined) writer.bytes(RESP_STREAM_IDENTIFIER, streamIdentifier);
  return writer.buffer;
}

/**
 * `BatchAppendResp.Success`: the revision and position are oneof members, so 0 is written too;
 * an empty append to a missing stream has neither.
 */
export function successBody(revision: bigint | undefined, position: bigint | undefined): Buffer {
  const revisionSize = revision === undefined ? 2 : 1 + bigVarintSize(revision);
  const positionBody = position === undefined ? 0 : 2 * (1 + bigVarintSize(position));
  const writer = new FieldWriter(Buffer.allocUnsafe(revisionSize + 2 + positionBody));
  if (revision === undefined) {
    writer.buffer[writer.offset++] = SUCCESS_NO_STREAM;
    writer.buffer[writer.offset++] = 0;
  } else {
    writer.buffer[writer.offset++] = SUCCESS_CURRENT_REVISION;
    writer.varint(revision);
  }
  if (position === undefined) {
    writer.buffer[writer.offset++] = SUCCESS_NO_POSITION;
    writer.buffer[writer.offset++] = 0;
  } else {
    writer.buffer[writer.offset++] = SUCCESS_POSITION;
    writer.buffer[writer.offset++] = positionBody;
    writer.buffer[writer.offset++] = POSITION_COMMIT;
    writer.varint(position);
    writer.buffer[writer.offset++] = POSITION_PREPARE;
    writer.varint(position);
  }
  return writer.buffer;
}

/** A message's body from its fields, for the rarely sent error details. */
export function message(
  ...fields: ReadonlyArray<readonly [key: number, value: Buffer | bigint]>
): Buffer {
  let size = 0;
  for (const [, value] of fields)
    size += typeof value === 'bigint' ? 1 + bigVarintSize(value) : delimitedSize(value.length);
  const writer = new FieldWriter(Buffer.allocUnsafe(size));
  for (const [key, value] of fields) {
    if (typeof value === 'bigint') {
      writer.buffer[writer.offset++] = key;
      writer.varint(value);
    } else {
      writer.bytes(key, value);
    }
  }
  return writer.buffer;
}
