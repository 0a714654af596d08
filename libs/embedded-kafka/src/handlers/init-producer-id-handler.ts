import {
  decodeInitProducerIdRequest,
  encodeInitProducerIdResponse,
} from '../protocol/apis/init-producer-id';
import { ErrorCode } from '../protocol/error-codes';
import { RequestHandler } from './broker-context';

/** Idempotent producers get a fresh id with epoch 0; transactions are not supported. */
export const handleInitProducerId: RequestHandler = async (broker, body) => {
  const { transactionalId } = decodeInitProducerIdRequest(body);
  if (transactionalId !== null)
    return encodeInitProducerIdResponse(ErrorCode.COORDINATOR_NOT_AVAILABLE, -1, -1);
  return encodeInitProducerIdResponse(ErrorCode.NONE, broker.producerIds.allocate(), 0);
};
