import {
  decodeCreatePartitionsRequest,
  encodeCreatePartitionsResponse,
} from '../protocol/apis/create-partitions';
import {
  ConfigEntry,
  decodeCreateTopicsRequest,
  encodeCreateTopicsResponse,
  TopicErrorResult,
} from '../protocol/apis/create-topics';
import {
  decodeDeleteTopicsRequest,
  encodeDeleteTopicsResponse,
} from '../protocol/apis/delete-topics';
import {
  decodeMetadataRequest,
  encodeMetadataResponse,
  TopicMetadata,
} from '../protocol/apis/metadata';
import { ErrorCode } from '../protocol/error-codes';
import {
  isTopicConfigName,
  TopicConfigName,
  TopicConfigOverrides,
  validateTopicConfig,
} from '../storage/topic-configs';
import { isValidTopicName } from '../storage/topic-store';
import { findOrCreateTopic, RequestHandler } from './broker-context';
import { checkAddedAssignment, checkTopicAssignment } from './replica-assignment';

const MAX_PARTITIONS = 10_000;

export const handleMetadata: RequestHandler = async (broker, body, { header, listener }) => {
  const request = decodeMetadataRequest(body, header.apiVersion);
  const topics: TopicMetadata[] =
    request.topics === null
      ? broker.topics.all().map((t) => ({
          errorCode: ErrorCode.NONE,
          name: t.name,
          partitionCount: t.partitions.length,
        }))
      : request.topics.map((name) => {
          const lookup = findOrCreateTopic(broker, name, request.allowAutoTopicCreation);
          return 'topic' in lookup
            ? { errorCode: ErrorCode.NONE, name, partitionCount: lookup.topic.partitions.length }
            : { errorCode: lookup.errorCode, name, partitionCount: 0 };
        });
  return encodeMetadataResponse(header.apiVersion, {
    broker: listener,
    clusterId: broker.clusterId,
    topics,
  });
};

/** Validates the honoured configs among `configs` (others are accepted and ignored); returns the overrides or an error. */
function creationConfigs(
  configs: readonly ConfigEntry[],
): { overrides: TopicConfigOverrides } | { errorCode: number; errorMessage: string } {
  const nulls = configs.filter((c) => c.value === null).map((c) => c.name);
  if (nulls.length > 0) {
    return {
      errorCode: ErrorCode.INVALID_CONFIG,
      errorMessage: `Null value not supported for topic configs: ${nulls.join(',')}`,
    };
  }
  const overrides: Partial<Record<TopicConfigName, string>> = {};
  for (const { name, value } of configs) {
    if (value === null || !isTopicConfigName(name)) continue;
    const problem = validateTopicConfig(name, value);
    if (problem !== undefined)
      return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: problem };
    overrides[name] = value;
  }
  return { overrides };
}

export const handleCreateTopics: RequestHandler = async (broker, body, { header }) => {
  const request = decodeCreateTopicsRequest(body, header.apiVersion);
  const seen = new Set<string>();
  const results: TopicErrorResult[] = request.topics.map((topic) => {
    const fail = (errorCode: number, errorMessage: string): TopicErrorResult => ({
      name: topic.name,
      errorCode,
      errorMessage,
    });
    if (seen.has(topic.name))
      return fail(ErrorCode.INVALID_REQUEST, 'topic named twice in one request');
    seen.add(topic.name);
    if (!isValidTopicName(topic.name))
      return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, 'invalid topic name');
    if (broker.topics.get(topic.name))
      return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${topic.name}' already exists.`);
    const configs = creationConfigs(topic.configs);
    if ('errorCode' in configs) return fail(configs.errorCode, configs.errorMessage);
    let partitions: number;
    if (topic.assignments.length > 0) {
      if (topic.numPartitions !== -1 || topic.replicationFactor !== -1) {
        return fail(
          ErrorCode.INVALID_REQUEST,
          'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.',
        );
      }
      const problem = checkTopicAssignment(topic.assignments, broker.endpoint.nodeId);
      if (problem !== undefined) return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, problem);
      partitions = topic.assignments.length;
    } else {
      partitions =
        topic.numPartitions === -1 ? broker.options.defaultPartitions : topic.numPartitions;
      if (topic.replicationFactor !== -1 && topic.replicationFactor !== 1) {
        return fail(
          ErrorCode.INVALID_REPLICATION_FACTOR,
          'a single broker only supports replication factor 1',
        );
      }
    }
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      return fail(ErrorCode.INVALID_PARTITIONS, 'partition count must be between 1 and 10000');
    }
    if (!request.validateOnly) broker.topics.create(topic.name, partitions, configs.overrides);
    return { name: topic.name, errorCode: ErrorCode.NONE, errorMessage: null };
  });
  return encodeCreateTopicsResponse(header.apiVersion, results);
};

export const handleDeleteTopics: RequestHandler = async (broker, body, { header }) => {
  const request = decodeDeleteTopicsRequest(body);
  const results = await Promise.all(
    request.topics.map(async (name) => {
      if (!broker.topics.get(name))
        return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      await broker.topics.delete(name);
      return { name, errorCode: ErrorCode.NONE };
    }),
  );
  return encodeDeleteTopicsResponse(header.apiVersion, results);
};

/** Adds partitions to topics, as Kafka's ZooKeeper-based admin checks and words it. */
export const handleCreatePartitions: RequestHandler = async (broker, body) => {
  const request = decodeCreatePartitionsRequest(body);
  const names = request.topics.map((t) => t.name);
  const duplicates = new Set(names.filter((name, i) => names.indexOf(name) !== i));
  const results = request.topics.map(({ name, count, assignments }): TopicErrorResult => {
    const fail = (errorCode: number, errorMessage: string): TopicErrorResult => ({
      name,
      errorCode,
      errorMessage,
    });
    if (duplicates.has(name)) return fail(ErrorCode.INVALID_REQUEST, 'Duplicate topic in request.');
    const topic = broker.topics.get(name);
    if (!topic)
      return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
    const current = topic.partitions.length;
    if (count < current) {
      return fail(
        ErrorCode.INVALID_PARTITIONS,
        `Topic currently has ${current} partitions, which is higher than the requested ${count}.`,
      );
    }
    if (count === current)
      return fail(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partitions.`);
    if (count > MAX_PARTITIONS)
      return fail(ErrorCode.INVALID_PARTITIONS, 'partition count must be between 1 and 10000');
    if (assignments !== null) {
      const problem = checkAddedAssignment(
        assignments,
        count - current,
        current,
        broker.endpoint.nodeId,
      );
      if (problem !== undefined) return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, problem);
    }
    if (!request.validateOnly) broker.topics.addPartitions(name, count);
    return { name, errorCode: ErrorCode.NONE, errorMessage: null };
  });
  return encodeCreatePartitionsResponse(results);
};
