import {
  decodeProduceRequest,
  encodeProduceResponse,
  ProducePartitionResult,
} from '../protocol/apis/produce';
import { ErrorCode } from '../protocol/error-codes';
import { splitProducedBatches } from '../record-batch';
import { RequestHandler } from './broker-context';

const VALID_ACKS = new Set([0, 1, -1]);

function failed(partition: number, errorCode: number): ProducePartitionResult {
  return { partition, errorCode, baseOffset: -1, logStartOffset: -1 };
}

/**
 * Appends each partition's batches and, for acks 1 or -1, answers only once
 * they are fsynced (a single broker makes "all replicas" the same as the leader).
 */
export const handleProduce: RequestHandler = async (broker, body, { header }) => {
  const request = decodeProduceRequest(body);
  const topics = request.topics.map((topicData) => {
    const topic = broker.topics.get(topicData.topic);
    return {
      topic: topicData.topic,
      partitions: topicData.partitions.map(
        async ({ partition, records }): Promise<ProducePartitionResult> => {
          if (!VALID_ACKS.has(request.acks))
            return failed(partition, ErrorCode.INVALID_REQUIRED_ACKS);
          if (request.transactionalId !== null) return failed(partition, ErrorCode.INVALID_REQUEST);
          const log = topic?.partitions[partition];
          if (log === undefined) return failed(partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
          const split = splitProducedBatches(records ?? Buffer.alloc(0));
          if (!split.ok) {
            return failed(
              partition,
              split.reason === 'corrupt'
                ? ErrorCode.CORRUPT_MESSAGE
                : ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT,
            );
          }
          const appended = log.append(split.batches);
          if (!('baseOffset' in appended)) return failed(partition, appended.errorCode);
          try {
            await appended.durable;
          } catch (error) {
            broker.options.logError(`embedded-kafka: fsync failed: ${String(error)}`);
            return failed(partition, ErrorCode.KAFKA_STORAGE_ERROR);
          }
          return {
            partition,
            errorCode: ErrorCode.NONE,
            baseOffset: appended.baseOffset,
            logStartOffset: log.logStartOffset,
          };
        },
      ),
    };
  });
  const results = await Promise.all(
    topics.map(async (t) => ({ topic: t.topic, partitions: await Promise.all(t.partitions) })),
  );
  return request.acks === 0 ? undefined : encodeProduceResponse(header.apiVersion, results);
};
