import type { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { RawRecord } from '../storage/record-format';
import type { EventStore } from '../store/event-store';
import { resolveLink, type ResolvedRecord } from '../store/link-resolution';
import {
  encodedEventResponse,
  preEncoded,
  serializeReadResponse,
  type UuidFormat,
} from './event-encoding';

// `ReadEvent` fields: event = 1, link = 2 (both `RecordedEvent`), commit_position = 3.
const READ_RESP_EVENT = 0x0a;
const READ_EVENT_EVENT = 0x0a;
const READ_EVENT_LINK = 0x12;

function readVarint(bytes: Buffer, offset: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  let next = offset;
  for (;;) {
    const byte = bytes[next++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next };
    scale *= 128;
  }
}

function varintBytes(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}

/** The parts of a pre-encoded single-event response: its `RecordedEvent` body and the position field after it. */
function partsOf(
  record: RawRecord,
  uuidFormat: UuidFormat,
): { readonly recorded: Buffer; readonly position: Buffer } {
  const bytes = serializeReadResponse(encodedEventResponse(record, uuidFormat));
  const readEvent = readVarint(bytes, 1);
  const recorded = readVarint(bytes, readEvent.next + 1);
  const recordedEnd = recorded.next + recorded.value;
  return {
    recorded: bytes.subarray(recorded.next, recordedEnd),
    position: bytes.subarray(recordedEnd),
  };
}

/**
 * A `ReadResp` for a resolved record, as EventStoreDB's gRPC read answers it: the target in
 * `event`, the link in `link`, and the link's position as the read event's own. Composed from
 * the single-event encodings, so the plain path stays as it is.
 */
export function encodedResolvedResponse(
  resolved: ResolvedRecord,
  uuidFormat: UuidFormat,
): ReadResp {
  const { event, link } = resolved;
  if (link === undefined) {
    if (event === undefined) throw new Error('a resolved record holds an event or a link');
    return encodedEventResponse(event, uuidFormat);
  }
  const target = event === undefined ? undefined : partsOf(event, uuidFormat).recorded;
  const linkParts = partsOf(link, uuidFormat);
  const chunks: Buffer[] = [];
  if (target !== undefined)
    chunks.push(Buffer.from([READ_EVENT_EVENT, ...varintBytes(target.length)]), target);
  chunks.push(
    Buffer.from([READ_EVENT_LINK, ...varintBytes(linkParts.recorded.length)]),
    linkParts.recorded,
    linkParts.position,
  );
  const readEventSize = chunks.reduce((total, chunk) => total + chunk.length, 0);
  return preEncoded(
    Buffer.concat([Buffer.from([READ_RESP_EVENT, ...varintBytes(readEventSize)]), ...chunks]),
  );
}

/** Encodes a stored record for a read that asked to resolve links. */
export function resolvingEncoder(
  store: EventStore,
  uuidFormat: UuidFormat,
): (record: RawRecord) => ReadResp {
  return (record) => encodedResolvedResponse(resolveLink(store, record), uuidFormat);
}
