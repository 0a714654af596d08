import {
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
import { isValidTopicName } from '../storage/topic-store';
import { findOrCreateTopic, RequestHandler } from './broker-context';

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
      return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `topic '${topic.name}' already exists`);
    const partitions =
      topic.numPartitions === -1 ? broker.options.defaultPartitions : topic.numPartitions;
    if (topic.assignmentCount > 0 || partitions < 1 || partitions > MAX_PARTITIONS) {
      return fail(ErrorCode.INVALID_PARTITIONS, 'partition count must be between 1 and 10000');
    }
    if (topic.replicationFactor !== -1 && topic.replicationFactor !== 1) {
      return fail(
        ErrorCode.INVALID_REPLICATION_FACTOR,
        'a single broker only supports replication factor 1',
      );
    }
    if (!request.validateOnly) broker.topics.create(topic.name, partitions);
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
