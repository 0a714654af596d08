import {
  decodeOffsetCommitRequest,
  encodeOffsetCommitResponse,
} from '../protocol/apis/offset-commit';
import { decodeOffsetFetchRequest, encodeOffsetFetchResponse } from '../protocol/apis/offset-fetch';
import { ErrorCode } from '../protocol/error-codes';
import { OffsetCommitEntry } from '../storage/offset-store';
import { RequestHandler } from './broker-context';

/** Commits are checked against the group's generation and answered once on disk. */
export const handleOffsetCommit: RequestHandler = async (broker, body, { header }) => {
  const request = decodeOffsetCommitRequest(body, header.apiVersion);
  const group = broker.groups.get(request.groupId);
  const groupError =
    request.groupId === ''
      ? ErrorCode.INVALID_GROUP_ID
      : group
        ? group.checkCommit(request.generationId, request.memberId)
        : request.generationId < 0
          ? ErrorCode.NONE
          : ErrorCode.UNKNOWN_MEMBER_ID;
  const accepted: OffsetCommitEntry[] = [];
  const topics = request.topics.map(({ topic, partitions }) => {
    const known = broker.topics.get(topic);
    return {
      topic,
      partitions: partitions.map(({ partition, offset, metadata }) => {
        if (groupError !== ErrorCode.NONE) return { partition, errorCode: groupError };
        if (known?.partitions[partition] === undefined) {
          return { partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        }
        accepted.push({ topic, partition, offset, metadata });
        return { partition, errorCode: ErrorCode.NONE };
      }),
    };
  });
  try {
    await broker.offsets.commit(request.groupId, accepted);
  } catch (error) {
    broker.options.logError(`embedded-kafka: offset commit failed: ${String(error)}`);
    const failed = topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => ({
        partition: p.partition,
        errorCode: ErrorCode.KAFKA_STORAGE_ERROR,
      })),
    }));
    return encodeOffsetCommitResponse(header.apiVersion, failed);
  }
  return encodeOffsetCommitResponse(header.apiVersion, topics);
};

export const handleOffsetFetch: RequestHandler = async (broker, body, { header }) => {
  const request = decodeOffsetFetchRequest(body);
  const requested =
    request.topics ??
    Object.entries(
      broker.offsets
        .entriesOf(request.groupId)
        .reduce<Record<string, number[]>>((byTopic, entry) => {
          (byTopic[entry.topic] ??= []).push(entry.partition);
          return byTopic;
        }, {}),
    ).map(([topic, partitions]) => ({ topic, partitions }));
  const topics = requested.map(({ topic, partitions }) => ({
    topic,
    partitions: partitions.map((partition) => {
      const committed = broker.offsets.get(request.groupId, topic, partition);
      return {
        partition,
        offset: committed?.offset ?? -1,
        metadata: committed?.metadata ?? '',
        errorCode: ErrorCode.NONE,
      };
    }),
  }));
  return encodeOffsetFetchResponse(header.apiVersion, topics, ErrorCode.NONE);
};
