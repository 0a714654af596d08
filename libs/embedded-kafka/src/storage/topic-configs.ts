import { ResolvedBrokerOptions } from '../broker-options';
import { PartitionLogOptions } from './partition-log';

/** The topic configs the broker honours; a topic stores overrides of these only. */
export const TOPIC_CONFIG_NAMES = [
  'cleanup.policy',
  'retention.bytes',
  'retention.ms',
  'segment.bytes',
] as const;

export type TopicConfigName = (typeof TOPIC_CONFIG_NAMES)[number];

/** Per-topic overrides, as strings the way clients send them. */
export type TopicConfigOverrides = Readonly<Partial<Record<TopicConfigName, string>>>;

export function isTopicConfigName(name: string): name is TopicConfigName {
  return (TOPIC_CONFIG_NAMES as readonly string[]).includes(name);
}

const LONG = /^[+-]?\d+$/;
const INT_MAX = 2 ** 31 - 1;
/** Kafka's smallest segment.bytes (a v0 record's overhead). */
const MIN_SEGMENT_BYTES = 14;

/** Kafka's ConfigDef wording for a value that does not parse or is out of range. */
function invalid(name: string, value: string, reason: string): string {
  return `Invalid value ${value} for configuration ${name}: ${reason}`;
}

/** Checks one value as Kafka's LogConfig does; returns the error message, or undefined when valid. */
export function validateTopicConfig(name: TopicConfigName, value: string): string | undefined {
  const trimmed = value.trim();
  switch (name) {
    case 'retention.ms': {
      if (!LONG.test(trimmed)) return invalid(name, value, 'Not a number of type LONG');
      return Number(trimmed) < -1 ? invalid(name, value, 'Value must be at least -1') : undefined;
    }
    case 'retention.bytes':
      return LONG.test(trimmed) ? undefined : invalid(name, value, 'Not a number of type LONG');
    case 'segment.bytes': {
      const parsed = Number(trimmed);
      if (!LONG.test(trimmed) || parsed > INT_MAX || parsed < -INT_MAX - 1)
        return invalid(name, value, 'Not a number of type INT');
      return parsed < MIN_SEGMENT_BYTES
        ? invalid(name, value, `Value must be at least ${MIN_SEGMENT_BYTES}`)
        : undefined;
    }
    case 'cleanup.policy': {
      const policies = trimmed.split(',').map((p) => p.trim());
      // Kafka also accepts "compact"; the embedded broker does not compact logs.
      return policies.length === 1 && policies[0] === 'delete'
        ? undefined
        : `${invalid(name, value, 'String must be one of: delete')} (the embedded broker does not compact logs)`;
    }
  }
}

/** A topic config's effective value and where it comes from, as DescribeConfigs reports it. */
export interface EffectiveConfig {
  readonly name: string;
  readonly value: string | null;
  readonly source: number;
  /** The broker-level setting it falls back to, for synonyms. */
  readonly brokerName: string;
  readonly brokerValue: string | null;
  readonly brokerSource: number;
}

/** Kafka's ConfigSource ids. */
export const ConfigSource = {
  DYNAMIC_TOPIC_CONFIG: 1,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
} as const;

/** Broker options behind each topic config: the broker-level name, value, and whether it was set. */
export function brokerDefaults(
  options: ResolvedBrokerOptions,
): Record<TopicConfigName, { name: string; value: string | null; source: number }> {
  const set = (value: number | undefined, fallback: string): [string, number] =>
    value === undefined
      ? [fallback, ConfigSource.DEFAULT_CONFIG]
      : [String(value), ConfigSource.STATIC_BROKER_CONFIG];
  const [retentionMs, retentionMsSource] = set(options.retentionMs, '-1');
  const [retentionBytes, retentionBytesSource] = set(options.retentionBytes, '-1');
  const segmentSource =
    options.segmentBytes === DEFAULT_SEGMENT_BYTES
      ? ConfigSource.DEFAULT_CONFIG
      : ConfigSource.STATIC_BROKER_CONFIG;
  return {
    'cleanup.policy': {
      name: 'log.cleanup.policy',
      value: 'delete',
      source: ConfigSource.DEFAULT_CONFIG,
    },
    'retention.bytes': {
      name: 'log.retention.bytes',
      value: retentionBytes,
      source: retentionBytesSource,
    },
    'retention.ms': { name: 'log.retention.ms', value: retentionMs, source: retentionMsSource },
    'segment.bytes': {
      name: 'log.segment.bytes',
      value: String(options.segmentBytes),
      source: segmentSource,
    },
  };
}

export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;

/** Every honoured config of a topic: its override, else the broker's setting. */
export function effectiveTopicConfigs(
  options: ResolvedBrokerOptions,
  overrides: TopicConfigOverrides,
): EffectiveConfig[] {
  const defaults = brokerDefaults(options);
  return TOPIC_CONFIG_NAMES.map((name) => {
    const broker = defaults[name];
    const override = overrides[name];
    return {
      name,
      value: override ?? broker.value,
      source: override === undefined ? broker.source : ConfigSource.DYNAMIC_TOPIC_CONFIG,
      brokerName: broker.name,
      brokerValue: broker.value,
      brokerSource: broker.source,
    };
  });
}

/** The partition log settings of a topic: broker options with the topic's overrides applied. */
export function partitionLogOptions(
  options: ResolvedBrokerOptions,
  overrides: TopicConfigOverrides,
): PartitionLogOptions {
  const limit = (
    override: string | undefined,
    fallback: number | undefined,
  ): number | undefined => {
    if (override === undefined) return fallback;
    const value = Number(override.trim());
    return value < 0 ? undefined : value;
  };
  return {
    segmentBytes:
      overrides['segment.bytes'] === undefined
        ? options.segmentBytes
        : Number(overrides['segment.bytes'].trim()),
    retentionMs: limit(overrides['retention.ms'], options.retentionMs),
    retentionBytes: limit(overrides['retention.bytes'], options.retentionBytes),
  };
}
