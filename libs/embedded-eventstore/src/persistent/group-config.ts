import type { EventFilterSpec } from '../store/event-filter';
import {
  ALL_STREAM,
  parsePositionText,
  startFromText,
  type GroupDefinition,
  type GroupSource,
  type GroupStart,
} from './group-settings';

/** One entry of `$persistentSubscriptionConfig`, in the real server's (camelCase) shape. */
interface ConfigEntry {
  stream: string;
  group: string;
  filter?: {
    context: 'StreamId' | 'EventType';
    type: 'Prefix' | 'Regex';
    data: string[];
    maxSearchWindow?: number;
    checkpointIntervalMultiplier: number;
  };
  resolveLinkTos: boolean;
  checkPointAfter: number;
  extraStatistics: boolean;
  historyBufferSize: number;
  liveBufferSize: number;
  maxCheckPointCount: number;
  minCheckPointCount: number;
  maxRetryCount: number;
  readBatchSize: number;
  maxSubscriberCount: number;
  messageTimeout: number;
  namedConsumerStrategy: string;
  startPosition: string;
}

function entryOf(definition: GroupDefinition): ConfigEntry {
  const { source, settings } = definition;
  const filter = source.kind === 'all' ? source.filter : undefined;
  return {
    stream: source.kind === 'stream' ? source.streamName : ALL_STREAM,
    group: definition.groupName,
    ...(filter === undefined
      ? {}
      : {
          filter: {
            context: filter.spec.on === 'stream_name' ? 'StreamId' : 'EventType',
            type: filter.spec.regex === undefined ? 'Prefix' : 'Regex',
            data: filter.spec.regex === undefined ? [...filter.spec.prefixes] : [filter.spec.regex],
            maxSearchWindow: filter.maxSearchWindow,
            checkpointIntervalMultiplier: filter.checkpointIntervalMultiplier,
          },
        }),
    resolveLinkTos: settings.resolveLinkTos,
    checkPointAfter: settings.checkPointAfterMs,
    extraStatistics: settings.extraStatistics,
    historyBufferSize: settings.historyBufferSize,
    liveBufferSize: settings.liveBufferSize,
    maxCheckPointCount: settings.maxCheckPointCount,
    minCheckPointCount: settings.minCheckPointCount,
    maxRetryCount: settings.maxRetryCount,
    readBatchSize: settings.readBatchSize,
    maxSubscriberCount: settings.maxSubscriberCount,
    messageTimeout: settings.messageTimeoutMs,
    namedConsumerStrategy: settings.consumerStrategy,
    startPosition: startFromText(source, settings.startFrom),
  };
}

/** The body of a `$PersistentConfig` event listing every group. */
export function serializeConfig(definitions: readonly GroupDefinition[]): string {
  return JSON.stringify(
    { version: '2', updated: new Date().toISOString(), entries: definitions.map(entryOf) },
    null,
    2,
  );
}

function sourceOf(entry: ConfigEntry): GroupSource {
  if (entry.stream !== ALL_STREAM) return { kind: 'stream', streamName: entry.stream };
  const { filter } = entry;
  if (filter === undefined) return { kind: 'all', filter: undefined };
  const spec: EventFilterSpec = {
    on: filter.context === 'StreamId' ? 'stream_name' : 'event_type',
    prefixes: filter.type === 'Prefix' ? filter.data : [],
    regex: filter.type === 'Regex' ? filter.data[0] : undefined,
  };
  return {
    kind: 'all',
    filter: {
      spec,
      maxSearchWindow: filter.maxSearchWindow,
      checkpointIntervalMultiplier: filter.checkpointIntervalMultiplier,
    },
  };
}

function startOf(source: GroupSource, text: string): GroupStart {
  if (text === '-1' || text === 'C:-1/P:-1') return { kind: 'end' };
  const position = parsePositionText(source, text);
  return position === undefined ? { kind: 'end' } : { kind: 'at', position };
}

/** Reads the groups back from a `$PersistentConfig` body; a malformed body yields none. */
export function parseConfig(body: string): GroupDefinition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const entries: unknown =
    typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'entries') : undefined;
  if (!Array.isArray(entries)) return [];
  return (entries as ConfigEntry[]).map((entry) => {
    const source = sourceOf(entry);
    return {
      source,
      groupName: entry.group,
      settings: {
        resolveLinkTos: entry.resolveLinkTos,
        extraStatistics: entry.extraStatistics,
        startFrom: startOf(source, entry.startPosition),
        messageTimeoutMs: entry.messageTimeout,
        maxRetryCount: entry.maxRetryCount,
        checkPointAfterMs: entry.checkPointAfter,
        minCheckPointCount: entry.minCheckPointCount,
        maxCheckPointCount: entry.maxCheckPointCount,
        maxSubscriberCount: entry.maxSubscriberCount,
        liveBufferSize: entry.liveBufferSize,
        readBatchSize: entry.readBatchSize,
        historyBufferSize: entry.historyBufferSize,
        consumerStrategy: entry.namedConsumerStrategy,
      },
    };
  });
}
