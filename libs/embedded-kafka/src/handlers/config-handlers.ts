import { ResolvedBrokerOptions } from '../broker-options';
import {
  AlterConfigsResource,
  AlterConfigsResult,
  decodeAlterConfigsRequest,
  encodeAlterConfigsResponse,
} from '../protocol/apis/alter-configs';
import {
  ConfigResourceRequest,
  decodeDescribeConfigsRequest,
  DescribedConfig,
  DescribeConfigsResult,
  encodeDescribeConfigsResponse,
  ResourceType,
} from '../protocol/apis/describe-configs';
import { ErrorCode } from '../protocol/error-codes';
import {
  ConfigSource,
  DEFAULT_SEGMENT_BYTES,
  effectiveTopicConfigs,
  isTopicConfigName,
  TOPIC_CONFIG_NAMES,
  TopicConfigName,
  validateTopicConfig,
} from '../storage/topic-configs';
import { isValidTopicName } from '../storage/topic-store';
import { BrokerContext, RequestHandler } from './broker-context';

type Outcome<T> = T | { readonly errorCode: number; readonly errorMessage: string | null };

/** The broker's settings under Kafka's names; none can be changed while it runs. */
function brokerConfigs(broker: BrokerContext): DescribedConfig[] {
  const options: ResolvedBrokerOptions = broker.options;
  const entry = (name: string, value: string | null, isDefault: boolean): DescribedConfig => {
    const source = isDefault ? ConfigSource.DEFAULT_CONFIG : ConfigSource.STATIC_BROKER_CONFIG;
    return { name, value, readOnly: true, source, synonyms: [{ name, value, source }] };
  };
  return [
    entry('broker.id', String(broker.endpoint.nodeId), false),
    entry('auto.create.topics.enable', String(options.autoCreateTopics), options.autoCreateTopics),
    entry('num.partitions', String(options.defaultPartitions), options.defaultPartitions === 1),
    // One broker: topics have one replica (CreateTopics refuses a larger factor).
    entry('default.replication.factor', '1', true),
    entry(
      'group.initial.rebalance.delay.ms',
      String(options.initialRebalanceDelayMs),
      options.initialRebalanceDelayMs === 0,
    ),
    entry('log.cleanup.policy', 'delete', true),
    entry('log.retention.ms', String(options.retentionMs ?? -1), options.retentionMs === undefined),
    entry(
      'log.retention.bytes',
      String(options.retentionBytes ?? -1),
      options.retentionBytes === undefined,
    ),
    entry(
      'log.segment.bytes',
      String(options.segmentBytes),
      options.segmentBytes === DEFAULT_SEGMENT_BYTES,
    ),
    entry(
      'log.retention.check.interval.ms',
      String(options.retentionCheckIntervalMs),
      options.retentionCheckIntervalMs === 60_000,
    ),
    entry(
      'socket.request.max.bytes',
      String(options.maxRequestBytes),
      options.maxRequestBytes === 100 * 1024 * 1024,
    ),
    entry('max.connections', String(options.maxConnections), options.maxConnections === 1_000),
    entry(
      'connections.max.idle.ms',
      String(options.connectionsMaxIdleMs),
      options.connectionsMaxIdleMs === 10 * 60 * 1000,
    ),
  ];
}

function topicConfigs(broker: BrokerContext, topicName: string): Outcome<DescribedConfig[]> {
  if (!isValidTopicName(topicName))
    return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: null };
  const topic = broker.topics.get(topicName);
  if (!topic) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: null };
  return effectiveTopicConfigs(broker.options, topic.configs).map((config) => ({
    name: config.name,
    value: config.value,
    readOnly: false,
    source: config.source,
    synonyms: [
      ...(config.source === ConfigSource.DYNAMIC_TOPIC_CONFIG
        ? [{ name: config.name, value: config.value, source: config.source }]
        : []),
      { name: config.brokerName, value: config.brokerValue, source: config.brokerSource },
    ],
  }));
}

/** The broker resource is named by its id; as in Kafka, "" (cluster defaults) holds no dynamic configs here. */
function brokerResource(broker: BrokerContext, name: string): Outcome<DescribedConfig[]> {
  if (name === '') return [];
  if (!/^-?\d+$/.test(name))
    return {
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: `Broker id must be an integer, but it is: ${name}`,
    };
  if (Number(name) !== broker.endpoint.nodeId) {
    return {
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: `Unexpected broker id, expected ${broker.endpoint.nodeId} or empty string, but received ${name}`,
    };
  }
  return brokerConfigs(broker);
}

function describe(
  broker: BrokerContext,
  resource: ConfigResourceRequest,
  includeSynonyms: boolean,
): DescribeConfigsResult {
  const { type, name } = resource;
  let outcome: Outcome<DescribedConfig[]>;
  if (type === ResourceType.TOPIC) outcome = topicConfigs(broker, name);
  else if (type === ResourceType.BROKER) outcome = brokerResource(broker, name);
  else
    outcome = {
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: `Unsupported resource type: ${type}`,
    };
  if (!Array.isArray(outcome)) return { ...outcome, type, name, configs: [] };
  const wanted = resource.configNames;
  const configs = outcome
    .filter((c) => wanted === null || wanted.length === 0 || wanted.includes(c.name))
    .map((c) => (includeSynonyms ? c : { ...c, synonyms: [] }));
  return { errorCode: ErrorCode.NONE, errorMessage: null, type, name, configs };
}

export const handleDescribeConfigs: RequestHandler = async (broker, body, { header }) => {
  const request = decodeDescribeConfigsRequest(body, header.apiVersion);
  return encodeDescribeConfigsResponse(
    header.apiVersion,
    request.resources.map((resource) => describe(broker, resource, request.includeSynonyms)),
  );
};

/** Kafka's ConfigResource.toString, which its AlterConfigs messages quote. */
function resourceLabel(resource: AlterConfigsResource): string {
  const type = resource.type === ResourceType.TOPIC ? 'TOPIC' : 'BROKER';
  return `ConfigResource(type=${type}, name='${resource.name}')`;
}

function alter(
  broker: BrokerContext,
  resource: AlterConfigsResource,
  validateOnly: boolean,
): AlterConfigsResult {
  const { type, name } = resource;
  const result = (errorCode: number, errorMessage: string | null): AlterConfigsResult => ({
    errorCode,
    errorMessage,
    type,
    name,
  });
  if (type === ResourceType.BROKER) {
    const described = brokerResource(broker, name);
    if (!Array.isArray(described)) return result(described.errorCode, described.errorMessage);
    return result(
      ErrorCode.INVALID_CONFIG,
      'Broker configs are read-only on the embedded broker; set them as broker options',
    );
  }
  if (type !== ResourceType.TOPIC) {
    return result(
      ErrorCode.INVALID_REQUEST,
      `AlterConfigs is only supported for topics and brokers, but resource type is ${type}`,
    );
  }
  if (name === '')
    return result(ErrorCode.INVALID_REQUEST, 'Default topic resources are not allowed.');
  if (!broker.topics.get(name))
    return result(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
  // As Kafka's AlterConfigs (not the incremental one): the given configs replace every override.
  const overrides: Partial<Record<TopicConfigName, string>> = {};
  for (const { name: configName, value } of resource.configs) {
    if (value === null) continue;
    if (!isTopicConfigName(configName)) {
      return result(
        ErrorCode.INVALID_CONFIG,
        `Unknown topic config name: ${configName} (the embedded broker honours ${TOPIC_CONFIG_NAMES.join(', ')})`,
      );
    }
    const problem = validateTopicConfig(configName, value);
    if (problem !== undefined) {
      return result(
        ErrorCode.INVALID_CONFIG,
        `Invalid config value for resource ${resourceLabel(resource)}: ${problem}`,
      );
    }
    overrides[configName] = value;
  }
  if (!validateOnly) broker.topics.setConfigs(name, overrides);
  return result(ErrorCode.NONE, null);
}

export const handleAlterConfigs: RequestHandler = async (broker, body) => {
  const request = decodeAlterConfigsRequest(body);
  return encodeAlterConfigsResponse(
    request.resources.map((resource) => alter(broker, resource, request.validateOnly)),
  );
};
