import type { EventFilterSpec } from '../store/event-filter';

/** The consumer strategies a real EventStoreDB registers; anything else is refused at create. */
export const CONSUMER_STRATEGIES = [
  'RoundRobin',
  'DispatchToSingle',
  'Pinned',
  'PinnedByCorrelation',
] as const;
export type ConsumerStrategyName = (typeof CONSUMER_STRATEGIES)[number];

export function isConsumerStrategyName(name: string): name is ConsumerStrategyName {
  return (CONSUMER_STRATEGIES as readonly string[]).includes(name);
}

/** Where a group starts when it has no checkpoint: a position (inclusive) or the end at load time. */
export type GroupStart =
  { readonly kind: 'end' } | { readonly kind: 'at'; readonly position: bigint };

export interface GroupFilter {
  readonly spec: EventFilterSpec;
  /** Kept as the client sent them: they do not change what a persistent subscription delivers. */
  readonly maxSearchWindow: number | undefined;
  readonly checkpointIntervalMultiplier: number;
}

/** What a group reads: one stream, or `$all` optionally filtered. */
export type GroupSource =
  | { readonly kind: 'stream'; readonly streamName: string }
  | { readonly kind: 'all'; readonly filter: GroupFilter | undefined };

export const ALL_STREAM = '$all';

export function sourceName(source: GroupSource): string {
  return source.kind === 'stream' ? source.streamName : ALL_STREAM;
}

/** The real server's key for a group, also its subscription id and part of its system stream names. */
export function groupKey(source: GroupSource, groupName: string): string {
  return `${sourceName(source)}::${groupName}`;
}

export interface GroupSettings {
  readonly resolveLinkTos: boolean;
  readonly extraStatistics: boolean;
  readonly startFrom: GroupStart;
  /** 0 means a message expires at once and is retried on the next tick, as on the real server. */
  readonly messageTimeoutMs: number;
  readonly maxRetryCount: number;
  /** 0 means no time-based checkpoints. */
  readonly checkPointAfterMs: number;
  readonly minCheckPointCount: number;
  readonly maxCheckPointCount: number;
  /** 0 means unbounded. */
  readonly maxSubscriberCount: number;
  readonly liveBufferSize: number;
  readonly readBatchSize: number;
  readonly historyBufferSize: number;
  readonly consumerStrategy: string;
}

export interface GroupDefinition {
  readonly source: GroupSource;
  readonly groupName: string;
  readonly settings: GroupSettings;
}

/** Why the real server refuses these settings (answered as `persistent-subscription-failed`), or undefined. */
export function settingsRefusal(settings: GroupSettings): string | undefined {
  if (!isConsumerStrategyName(settings.consumerStrategy))
    return `Consumer strategy ${settings.consumerStrategy} does not exist.`;
  if (settings.readBatchSize >= settings.historyBufferSize)
    // The real server throws ArgumentOutOfRangeException(paramName) and reports its message.
    return "Specified argument was out of the range of valid values. (Parameter 'ReadBatchSize may not be greater than or equal to BufferSize')";
  return undefined;
}

/** The start as the real server prints it: a revision (-1 for the end) or `C:commit/P:prepare`. */
export function startFromText(source: GroupSource, start: GroupStart): string {
  if (source.kind === 'stream') return start.kind === 'end' ? '-1' : start.position.toString();
  return start.kind === 'end' ? 'C:-1/P:-1' : positionText(source, start.position);
}

/** A delivered or checkpointed position as the real server prints it. */
export function positionText(source: GroupSource, position: bigint): string {
  return source.kind === 'stream' ? position.toString() : `C:${position}/P:${position}`;
}

/** Parses a checkpoint written by `positionText`; undefined when it is not one. */
export function parsePositionText(source: GroupSource, text: string): bigint | undefined {
  const match = source.kind === 'stream' ? /^(\d+)$/.exec(text) : /^C:(\d+)\/P:(\d+)$/.exec(text);
  return match === null ? undefined : BigInt(match[1]);
}
