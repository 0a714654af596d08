import type { RawRecord } from '../storage/record-format';
import { isSoftDeleted, parseStreamMetadata } from '../storage/stream-metadata';
import type { EventStore } from '../store/event-store';
import { LINK_EVENT_TYPE, resolveLink } from '../store/link-resolution';
import type { SystemEvent } from '../store/store-types';
import { randomUuidBytes } from '../store/uuid-bytes';

/**
 * How EventStoreDB's `$by_category` and `$by_event_type` see $all: only events of streams not
 * starting with `$`, and of the `$$` metadata streams of such streams (through which a soft
 * delete shows). A category is a stream's name up to its first `-`, when that is not the first
 * character (the default "first -" setting).
 */
export type StreamKind =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'stream'; readonly category: string | undefined }
  | {
      readonly kind: 'metastream';
      readonly described: string;
      readonly category: string | undefined;
    };

const IGNORED: StreamKind = { kind: 'ignored' };
const METADATA_EVENT_TYPE = '$metadata';
const STREAM_DELETED_EVENT_TYPE = '$streamDeleted';
const LINK_CONTENT_TYPE = 'application/octet-stream';
/** The projections subsystem version EventStoreDB 24.10 stamps into `$v`. */
const SUBSYSTEM_VERSION = 4;

function categoryOf(streamName: string): string | undefined {
  const dash = streamName.indexOf('-');
  return dash > 0 ? streamName.slice(0, dash) : undefined;
}

export function streamKindOf(streamName: string): StreamKind {
  if (streamName.startsWith('$$')) {
    const described = streamName.slice(2);
    if (described.startsWith('$')) return IGNORED;
    return { kind: 'metastream', described, category: categoryOf(described) };
  }
  if (streamName.startsWith('$')) return IGNORED;
  return { kind: 'stream', category: categoryOf(streamName) };
}

/** The fields of a stored event a standard projection looks at. */
export interface SourceEvent {
  readonly record: RawRecord;
  readonly streamName: string;
  readonly type: string;
  readonly revision: bigint;
}

export function sourceEventOf(record: RawRecord): SourceEvent {
  const { buffer, fields } = record;
  return {
    record,
    streamName: buffer.toString('utf8', fields.streamStart, fields.typeStart),
    type: buffer.toString('utf8', fields.typeStart, fields.contentTypeStart),
    revision: buffer.readBigInt64LE(fields.revision),
  };
}

/** A soft delete shows in $all as a `$metadata` event whose `$tb` is the deleted marker. */
function isDeletionMetadata(event: SourceEvent): boolean {
  if (event.type !== METADATA_EVENT_TYPE) return false;
  const { buffer, fields } = event.record;
  return isSoftDeleted(
    parseStreamMetadata(buffer.subarray(fields.dataStart, fields.customMetadataStart)),
  );
}

function uuidText(buffer: Buffer, offset: number): string {
  const hex = buffer.toString('hex', offset, offset + 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const CORRELATION_ID_KEY = Buffer.from('"$correlationId"');

/** `$correlationId` of a JSON event's metadata, carried onto what the projection writes. */
function correlationIdOf(record: RawRecord): string | undefined {
  const { buffer, fields } = record;
  const contentType = buffer.toString('latin1', fields.contentTypeStart, fields.dataStart);
  if (contentType !== 'application/json') return undefined;
  const metadata = buffer.subarray(fields.customMetadataStart, fields.end);
  if (metadata.indexOf(CORRELATION_ID_KEY) < 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(metadata.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const value: unknown = Reflect.get(parsed, '$correlationId');
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

interface LinkSpec {
  readonly streamName: string;
  readonly target: string;
  /** Extra metadata keys after `$v`, `$c` and `$p`, as the handler adds them. */
  readonly extra: ReadonlyArray<readonly [string, string | number]>;
  readonly causedBy: string;
  readonly correlationId: string | undefined;
}

/** A standard projection: which events it links, where, and with what metadata. */
export interface StandardProjectionHandler {
  readonly name: string;
  /** The id the real server gives it (the order of the standard projections' registration). */
  readonly projectionId: number;
  readonly handlerType: string;
  readonly query: string;
  /** The prefix of every stream it writes, to find its last link on start. */
  readonly emittedStreamPrefix: string;
  /** Whether an event of this stream and type can produce a link (decided without reading it). */
  mayLink(stream: StreamKind, type: string): boolean;
  linkFor(store: EventStore, stream: StreamKind, event: SourceEvent): LinkSpec | undefined;
}

/**
 * `$by_category` (EventStore's CategorizeEventsByStreamPath): every event of a categorised
 * stream is linked from `$ce-<category>`; links are followed to their target; a deletion is
 * linked with `$deleted: -1`. Metadata: `$v`, `$c`, `$p`, `$o` (the stream), then
 * `$causedBy` and `$correlationId`.
 */
export const BY_CATEGORY: StandardProjectionHandler = {
  name: '$by_category',
  projectionId: 3,
  handlerType: 'native:EventStore.Projections.Core.Standard.CategorizeEventsByStreamPath',
  query: 'first\r\n-',
  emittedStreamPrefix: '$ce-',
  mayLink(stream, type) {
    if (stream.kind === 'ignored' || stream.category === undefined) return false;
    return stream.kind === 'stream' || type === METADATA_EVENT_TYPE;
  },
  linkFor(store, stream, event) {
    if (stream.kind === 'ignored' || stream.category === undefined) return undefined;
    const causedBy = uuidText(event.record.buffer, event.record.fields.id);
    const correlationId = correlationIdOf(event.record);
    const own = `${event.revision}@${event.streamName}`;
    if (stream.kind === 'metastream') {
      if (!isDeletionMetadata(event)) return undefined;
      return {
        streamName: `$ce-${stream.category}`,
        target: own,
        extra: [
          ['$o', stream.described],
          ['$deleted', -1],
        ],
        causedBy,
        correlationId,
      };
    }
    if (event.type === STREAM_DELETED_EVENT_TYPE) {
      return {
        streamName: `$ce-${stream.category}`,
        target: own,
        extra: [
          ['$o', event.streamName],
          ['$deleted', -1],
        ],
        causedBy,
        correlationId,
      };
    }
    let target = own;
    if (event.type === LINK_EVENT_TYPE) {
      // The projection reads $all with links resolved and links to what a link points at.
      const { buffer, fields } = event.record;
      const data = buffer.toString('utf8', fields.dataStart, fields.customMetadataStart);
      const resolved = resolveLink(store, event.record).event;
      if (resolved === undefined || resolved.position === event.record.position) {
        target = data;
      } else {
        const linked = sourceEventOf(resolved);
        target = `${linked.revision}@${linked.streamName}`;
      }
    }
    return {
      streamName: `$ce-${stream.category}`,
      target,
      extra: [['$o', event.streamName]],
      causedBy,
      correlationId,
    };
  },
};

/**
 * `$by_event_type` (EventStore's IndexEventsByEventType): every event but links is linked from
 * `$et-<type>`, a deletion from `$et-$deleted` with `$deleted: -1`. As on the real server, an
 * event of a `$$` stream is linked as `<revision>@<described stream>`. Metadata: `$v`, `$c`,
 * `$p`, then `$causedBy` and `$correlationId`.
 */
export const BY_EVENT_TYPE: StandardProjectionHandler = {
  name: '$by_event_type',
  projectionId: 4,
  handlerType: 'native:EventStore.Projections.Core.Standard.IndexEventsByEventType',
  query: '',
  emittedStreamPrefix: '$et-',
  mayLink(stream, type) {
    return stream.kind !== 'ignored' && type !== LINK_EVENT_TYPE;
  },
  linkFor(_store, stream, event) {
    if (stream.kind === 'ignored' || event.type === LINK_EVENT_TYPE) return undefined;
    const deleted =
      stream.kind === 'metastream'
        ? isDeletionMetadata(event)
        : event.type === STREAM_DELETED_EVENT_TYPE;
    const streamName = stream.kind === 'metastream' ? stream.described : event.streamName;
    return {
      streamName: `$et-${deleted ? '$deleted' : event.type}`,
      target: `${event.revision}@${streamName}`,
      extra: deleted ? [['$deleted', -1]] : [],
      causedBy: uuidText(event.record.buffer, event.record.fields.id),
      correlationId: correlationIdOf(event.record),
    };
  },
};

/** The link event a projection writes, with the metadata keys the real server writes, in its order. */
export function linkEvent(
  handler: StandardProjectionHandler,
  version: number,
  position: number,
  link: LinkSpec,
): SystemEvent {
  const metadata: Record<string, string | number> = {
    $v: `${handler.projectionId}:-1:${version}:${SUBSYSTEM_VERSION}`,
    $c: position,
    $p: position,
  };
  for (const [key, value] of link.extra) metadata[key] = value;
  metadata.$causedBy = link.causedBy;
  if (link.correlationId !== undefined) metadata.$correlationId = link.correlationId;
  return {
    streamName: link.streamName,
    event: {
      id: randomUuidBytes(),
      type: LINK_EVENT_TYPE,
      contentType: LINK_CONTENT_TYPE,
      data: Buffer.from(link.target, 'utf8'),
      customMetadata: Buffer.from(JSON.stringify(metadata), 'utf8'),
    },
  };
}
