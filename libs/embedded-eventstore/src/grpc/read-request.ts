import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { EventFilterSpec } from '../store/event-filter';
import type { Direction } from '../store/store-types';
import type { UuidFormat } from './event-encoding';
import { BadRequestError, streamNameOf, uint64Of } from './request-values';

export type ReadStart = 'start' | 'end' | bigint;

export type ReadSource =
  | { readonly kind: 'stream'; readonly streamName: string; readonly from: ReadStart }
  | { readonly kind: 'all'; readonly from: ReadStart };

/** A `Streams/Read` request, decoded: a bounded read, or a subscription (optionally filtered). */
export interface ReadPlan {
  readonly source: ReadSource;
  readonly direction: Direction;
  readonly uuidFormat: UuidFormat;
  /** Answer each link (`$>`) with its target, as `resolveLinkTos` asks. */
  readonly resolveLinks: boolean;
  readonly mode:
    | { readonly kind: 'read'; readonly count: bigint }
    | { readonly kind: 'subscribe'; readonly filter: SubscriptionFilter | undefined };
}

export interface SubscriptionFilter {
  readonly spec: EventFilterSpec;
  /** A checkpoint is sent after this many events have been scanned. */
  readonly checkpointInterval: number;
}

// The real server searches in windows of 32 events when the client names no maximum.
const DEFAULT_SEARCH_WINDOW = 32;

export function readPlanOf(request: ReadReq): ReadPlan {
  const options = request.getOptions();
  if (options === undefined) throw new BadRequestError('A read request must carry options.');
  const source = sourceOf(options);
  const direction =
    options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS
      ? 'backwards'
      : 'forwards';
  const uuidFormat = options.getUuidOption()?.hasStructured() === true ? 'structured' : 'string';
  const resolveLinks = options.getResolveLinks();
  if (options.hasSubscription()) {
    if (source.kind === 'stream' && options.hasFilter()) {
      throw new BadRequestError('Filters apply to $all subscriptions only.');
    }
    const filter = options.hasFilter() ? filterOf(options.getFilter()) : undefined;
    return {
      source,
      direction: 'forwards',
      uuidFormat,
      resolveLinks,
      mode: { kind: 'subscribe', filter },
    };
  }
  if (!options.hasCount())
    throw new BadRequestError('A read must carry a count or subscription option.');
  return {
    source,
    direction,
    uuidFormat,
    resolveLinks,
    mode: { kind: 'read', count: uint64Of(options.getCount()) },
  };
}

function sourceOf(options: ReadReq.Options): ReadSource {
  const stream = options.getStream();
  if (stream !== undefined) {
    const streamName = streamNameOf(stream.getStreamIdentifier());
    if (stream.hasRevision())
      return { kind: 'stream', streamName, from: uint64Of(stream.getRevision()) };
    return { kind: 'stream', streamName, from: stream.hasEnd() ? 'end' : 'start' };
  }
  const all = options.getAll();
  if (all !== undefined) {
    const position = all.getPosition();
    if (position !== undefined)
      return { kind: 'all', from: uint64Of(position.getCommitPosition()) };
    return { kind: 'all', from: all.hasEnd() ? 'end' : 'start' };
  }
  throw new BadRequestError('A read must name a stream or $all.');
}

function filterOf(
  filter: ReadReq.Options.FilterOptions | undefined,
): SubscriptionFilter | undefined {
  if (filter === undefined) return undefined;
  const window = filter.hasMax() && filter.getMax() > 0 ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    spec: eventFilterSpecOf(filter),
    checkpointInterval: window * Math.max(1, filter.getCheckpointintervalmultiplier()),
  };
}

interface FilterExpressionLike {
  getRegex(): string;
  getPrefixList(): string[];
}

/** The filter options of subscriptions and persistent subscriptions to `$all`. */
export interface FilterOptionsLike {
  getStreamIdentifier(): FilterExpressionLike | undefined;
  getEventType(): FilterExpressionLike | undefined;
}

/** A `$all` filter's expression, checked as the real server checks it. */
export function eventFilterSpecOf(filter: FilterOptionsLike): EventFilterSpec {
  const streamExpression = filter.getStreamIdentifier();
  const expression = streamExpression ?? filter.getEventType();
  if (expression === undefined)
    throw new BadRequestError('A filter must be on stream name or event type.');
  const regex = expression.getRegex();
  if (regex.length > 0) {
    try {
      new RegExp(regex);
    } catch {
      throw new BadRequestError(`Invalid filter regex: ${regex}`);
    }
  }
  return {
    on: streamExpression !== undefined ? 'stream_name' : 'event_type',
    prefixes: expression.getPrefixList(),
    regex: regex.length > 0 ? regex : undefined,
  };
}
