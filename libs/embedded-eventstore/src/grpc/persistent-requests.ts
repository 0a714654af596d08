import { CreateReq, UpdateReq } from '@eventstore/db-client/generated/persistent_pb';
import type { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import type {
  GroupDefinition,
  GroupSettings,
  GroupSource,
  GroupStart,
} from '../persistent/group-settings';
import { eventFilterSpecOf } from './read-request';
import { BadRequestError, uint64Of } from './request-values';

// The deprecated enum the client sets; its numbers name these strategies.
const NAMED_STRATEGIES = ['DispatchToSingle', 'RoundRobin', 'Pinned'];
const UINT64_MAX = 0xffffffffffffffffn;

/** A stream name, empty when absent (the service answers that as the real server does). */
export function streamNameOrEmpty(identifier: StreamIdentifier | undefined): string {
  return identifier === undefined
    ? ''
    : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

/** A wire UUID (string or structured form) as lower-case text. */
export function uuidText(uuid: UUID): string {
  const structured = uuid.getStructured();
  if (structured === undefined) return uuid.getString().toLowerCase();
  const bytes = Buffer.alloc(16);
  bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())), 0);
  bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type WireSettings = CreateReq.Settings | UpdateReq.Settings;

function streamStart(revision: bigint): GroupStart {
  // StreamRevision.End travels as UInt64.MaxValue and means -1 (live) to the real server.
  return revision === UINT64_MAX ? { kind: 'end' } : { kind: 'at', position: revision };
}

function settingsOf(settings: WireSettings, start: GroupStart, strategy: string): GroupSettings {
  const messageTimeoutMs = settings.hasMessageTimeoutMs()
    ? settings.getMessageTimeoutMs()
    : settings.hasMessageTimeoutTicks()
      ? Math.trunc(Number(settings.getMessageTimeoutTicks()) / 10_000)
      : 0;
  const checkPointAfterMs = settings.hasCheckpointAfterMs()
    ? settings.getCheckpointAfterMs()
    : settings.hasCheckpointAfterTicks()
      ? Math.trunc(Number(settings.getCheckpointAfterTicks()) / 10_000)
      : 0;
  return {
    resolveLinkTos: settings.getResolveLinks(),
    extraStatistics: settings.getExtraStatistics(),
    startFrom: start,
    messageTimeoutMs,
    maxRetryCount: settings.getMaxRetryCount(),
    checkPointAfterMs,
    minCheckPointCount: settings.getMinCheckpointCount(),
    maxCheckPointCount: settings.getMaxCheckpointCount(),
    maxSubscriberCount: settings.getMaxSubscriberCount(),
    liveBufferSize: settings.getLiveBufferSize(),
    readBatchSize: settings.getReadBatchSize(),
    historyBufferSize: settings.getHistoryBufferSize(),
    consumerStrategy: strategy,
  };
}

interface StreamOptionsLike {
  getStreamIdentifier(): StreamIdentifier | undefined;
  hasRevision(): boolean;
  getRevision(): string;
  hasStart(): boolean;
  hasEnd(): boolean;
}

function streamSource(
  options: StreamOptionsLike | undefined,
  identifier: StreamIdentifier | undefined,
  settings: WireSettings,
): { source: GroupSource; start: GroupStart } {
  if (options !== undefined) {
    const source: GroupSource = {
      kind: 'stream',
      streamName: streamNameOrEmpty(options.getStreamIdentifier()),
    };
    if (options.hasRevision())
      return { source, start: streamStart(uint64Of(options.getRevision())) };
    if (options.hasStart()) return { source, start: { kind: 'at', position: 0n } };
    if (options.hasEnd()) return { source, start: { kind: 'end' } };
    throw new BadRequestError('A stream group must say where it starts.');
  }
  // Older clients (6.2.1 among them) name the stream beside the settings' revision.
  return {
    source: { kind: 'stream', streamName: streamNameOrEmpty(identifier) },
    start: streamStart(uint64Of(settings.getRevision())),
  };
}

interface AllOptionsLike {
  hasPosition(): boolean;
  getPosition(): { getCommitPosition(): string; getPreparePosition(): string } | undefined;
  hasStart(): boolean;
  hasEnd(): boolean;
}

function allStart(options: AllOptionsLike): GroupStart {
  const position = options.getPosition();
  if (position !== undefined) {
    const commit = uint64Of(position.getCommitPosition());
    const prepare = uint64Of(position.getPreparePosition());
    if (prepare > commit)
      throw new BadRequestError(
        'Invalid Start From position: prepare position must be less than or equal to the commit position.',
      );
    return { kind: 'at', position: commit };
  }
  if (options.hasEnd()) return { kind: 'end' };
  return { kind: 'at', position: 0n };
}

function filterOf(options: CreateReq.AllOptions): GroupSource {
  const filter = options.getFilter();
  if (filter === undefined) return { kind: 'all', filter: undefined };
  const spec = eventFilterSpecOf(filter);
  return {
    kind: 'all',
    filter: {
      // A regex takes the place of prefixes in a persistent subscription's filter.
      spec: spec.regex === undefined ? spec : { ...spec, prefixes: [] },
      maxSearchWindow: filter.hasMax() ? filter.getMax() : undefined,
      checkpointIntervalMultiplier: filter.getCheckpointintervalmultiplier(),
    },
  };
}

export function createDefinitionOf(request: CreateReq): GroupDefinition {
  const options = request.getOptions();
  const settings = options?.getSettings();
  if (options === undefined || settings === undefined)
    throw new BadRequestError('A create request must carry options and settings.');
  const strategy =
    settings.getConsumerStrategy().length > 0
      ? settings.getConsumerStrategy()
      : (NAMED_STRATEGIES[settings.getNamedConsumerStrategy()] ??
        String(settings.getNamedConsumerStrategy()));
  return definitionOf(options, settings, strategy, filterOf);
}

/** An update of a `$all` group keeps its filter: the request carries none. */
export function updateDefinitionOf(request: UpdateReq): GroupDefinition {
  const options = request.getOptions();
  const settings = options?.getSettings();
  if (options === undefined || settings === undefined)
    throw new BadRequestError('An update request must carry options and settings.');
  const strategy =
    NAMED_STRATEGIES[settings.getNamedConsumerStrategy()] ??
    String(settings.getNamedConsumerStrategy());
  return definitionOf(options, settings, strategy, () => ({ kind: 'all', filter: undefined }));
}

interface DefinitionOptionsLike<All extends AllOptionsLike> {
  getAll(): All | undefined;
  getGroupName(): string;
  getStream(): StreamOptionsLike | undefined;
  getStreamIdentifier(): StreamIdentifier | undefined;
}

function definitionOf<All extends AllOptionsLike>(
  options: DefinitionOptionsLike<All>,
  settings: WireSettings,
  strategy: string,
  allSource: (all: All) => GroupSource,
): GroupDefinition {
  const all = options.getAll();
  if (all !== undefined) {
    return {
      source: allSource(all),
      groupName: options.getGroupName(),
      settings: settingsOf(settings, allStart(all), strategy),
    };
  }
  const { source, start } = streamSource(
    options.getStream(),
    options.getStreamIdentifier(),
    settings,
  );
  return {
    source,
    groupName: options.getGroupName(),
    settings: settingsOf(settings, start, strategy),
  };
}

/** The `stream_identifier | all` oneof most requests carry. */
export function sourceOfOption(
  identifier: StreamIdentifier | undefined,
  all: boolean,
): GroupSource {
  return all
    ? { kind: 'all', filter: undefined }
    : { kind: 'stream', streamName: streamNameOrEmpty(identifier) };
}
