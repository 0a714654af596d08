import {
  decodeInitProducerIdRequest,
  encodeInitProducerIdResponse,
} from '../protocol/apis/init-producer-id';
import { ErrorCode } from '../protocol/error-codes';
import { RequestHandler } from './broker-context';

/**
 * Idempotent producers get a fresh id with epoch 0; transactional ones the
 * id of their transactional id with a bumped epoch, from the coordinator.
 */
export const handleInitProducerId: RequestHandler = async (broker, body) => {
  const { transactionalId, transactionTimeoutMs } = decodeInitProducerIdRequest(body);
  if (transactionalId === null)
    return encodeInitProducerIdResponse(ErrorCode.NONE, broker.producerIds.allocate(), 0);
  let result;
  try {
    result = await broker.transactions.initProducerId(transactionalId, transactionTimeoutMs);
  } catch (error) {
    broker.options.logError(`embedded-kafka: transaction state write failed: ${String(error)}`);
    return encodeInitProducerIdResponse(ErrorCode.COORDINATOR_NOT_AVAILABLE, -1, -1);
  }
  return encodeInitProducerIdResponse(result.errorCode, result.producerId, result.producerEpoch);
};
