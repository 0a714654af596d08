import {
  decodeProduceRequest,
  encodeProduceResponse,
  ProducePartitionResult,
} from '../protocol/apis/produce';
import { ErrorCode } from '../protocol/error-codes';
import { readBatchHeader, splitProducedBatches } from '../record-batch';
import { BrokerContext, RequestHandler } from './broker-context';

const VALID_ACKS = new Set([0, 1, -1]);

function failed(partition: number, errorCode: number): ProducePartitionResult {
  return { partition, errorCode, baseOffset: -1, logStartOffset: -1 };
}

/**
 * A transactional produce must come from the transactional id's current epoch
 * and go to a partition added to its ongoing transaction (Kafka 3.6+ checks
 * this with the coordinator: INVALID_PRODUCER_EPOCH when fenced,
 * INVALID_TXN_STATE when the partition is not in the transaction).
 */
function verifyTransactional(
  broker: BrokerContext,
  transactionalId: string,
  target: { topic: string; partition: number },
  batches: readonly Buffer[],
): number {
  const header = batches.map((batch) => readBatchHeader(batch)).find((h) => h.isTransactional);
  if (header === undefined) return ErrorCode.NONE;
  return broker.transactions.verifyProduce(
    transactionalId,
    header.producerId,
    header.producerEpoch,
    target,
  );
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
          if (request.transactionalId !== null) {
            const errorCode = verifyTransactional(
              broker,
              request.transactionalId,
              { topic: topicData.topic, partition },
              split.batches,
            );
            if (errorCode !== ErrorCode.NONE) return failed(partition, errorCode);
          }
          const appended = log.append(split.batches, request.transactionalId !== null);
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
