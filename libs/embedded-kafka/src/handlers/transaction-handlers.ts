import { decodeAddOffsetsToTxnRequest } from '../protocol/apis/add-offsets-to-txn';
import {
  decodeAddPartitionsToTxnRequest,
  encodeAddPartitionsToTxnResponse,
} from '../protocol/apis/add-partitions-to-txn';
import { decodeEndTxnRequest, encodeTxnErrorResponse } from '../protocol/apis/end-txn';
import {
  decodeTxnOffsetCommitRequest,
  encodeTxnOffsetCommitResponse,
} from '../protocol/apis/txn-offset-commit';
import { ErrorCode } from '../protocol/error-codes';
import { OffsetCommitEntry } from '../storage/offset-store';
import { BrokerContext, RequestHandler } from './broker-context';

/** A coordinator write that failed on disk is answered as Kafka answers a failed `__transaction_state` append. */
async function orUnavailable<T>(
  broker: BrokerContext,
  operation: Promise<T>,
  unavailable: T,
): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    broker.options.logError(`embedded-kafka: transaction state write failed: ${String(error)}`);
    return unavailable;
  }
}

export const handleAddPartitionsToTxn: RequestHandler = async (broker, body) => {
  const request = decodeAddPartitionsToTxnRequest(body);
  const partitions = request.topics.flatMap(({ topic, partitions: numbers }) =>
    numbers.map((partition) => ({ topic, partition })),
  );
  const errors = await orUnavailable(
    broker,
    broker.transactions.addPartitions(
      request.transactionalId,
      request.producerId,
      request.producerEpoch,
      partitions,
    ),
    partitions.map(() => ErrorCode.COORDINATOR_NOT_AVAILABLE),
  );
  let i = 0;
  return encodeAddPartitionsToTxnResponse(
    request.topics.map(({ topic, partitions: numbers }) => ({
      topic,
      partitions: numbers.map((partition) => ({ partition, errorCode: errors[i++] })),
    })),
  );
};

export const handleAddOffsetsToTxn: RequestHandler = async (broker, body) => {
  const request = decodeAddOffsetsToTxnRequest(body);
  const errorCode = await orUnavailable(
    broker,
    broker.transactions.addOffsets(
      request.transactionalId,
      request.producerId,
      request.producerEpoch,
      request.groupId,
    ),
    ErrorCode.COORDINATOR_NOT_AVAILABLE,
  );
  return encodeTxnErrorResponse(errorCode);
};

export const handleEndTxn: RequestHandler = async (broker, body) => {
  const request = decodeEndTxnRequest(body);
  const errorCode = await orUnavailable(
    broker,
    broker.transactions.endTransaction(
      request.transactionalId,
      request.producerId,
      request.producerEpoch,
      request.committed,
    ),
    ErrorCode.COORDINATOR_NOT_AVAILABLE,
  );
  return encodeTxnErrorResponse(errorCode);
};

/** Offsets given within a transaction; they reach the group only if it commits. */
export const handleTxnOffsetCommit: RequestHandler = async (broker, body, { header }) => {
  const request = decodeTxnOffsetCommitRequest(body, header.apiVersion);
  const entries: OffsetCommitEntry[] = [];
  const known = request.topics.map(({ topic, partitions }) =>
    partitions.map(({ partition, offset, metadata }) => {
      if (broker.topics.get(topic)?.partitions[partition] === undefined) return false;
      entries.push({ topic, partition, offset, metadata });
      return true;
    }),
  );
  const errorCode =
    request.groupId === ''
      ? ErrorCode.INVALID_GROUP_ID
      : await orUnavailable(
          broker,
          broker.transactions.commitOffsets(
            request.transactionalId,
            request.producerId,
            request.producerEpoch,
            request.groupId,
            entries,
          ),
          ErrorCode.COORDINATOR_NOT_AVAILABLE,
        );
  return encodeTxnOffsetCommitResponse(
    request.topics.map(({ topic, partitions }, t) => ({
      topic,
      partitions: partitions.map(({ partition }, p) => ({
        partition,
        errorCode: known[t][p] ? errorCode : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      })),
    })),
  );
};
