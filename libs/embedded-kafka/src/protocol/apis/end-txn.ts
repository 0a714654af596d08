import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface EndTxnRequest {
  readonly transactionalId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly committed: boolean;
}

/** EndTxn v0–1. */
export function decodeEndTxnRequest(reader: ByteReader): EndTxnRequest {
  return {
    transactionalId: reader.string(),
    producerId: reader.int64(),
    producerEpoch: reader.int16(),
    committed: reader.boolean(),
  };
}

/** The answer of EndTxn and AddOffsetsToTxn (all their versions): throttle time and an error code. */
export function encodeTxnErrorResponse(errorCode: number): Buffer {
  return new ByteWriter().int32(0).int16(errorCode).toBuffer();
}
