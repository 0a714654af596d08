import { ByteReader } from '../byte-reader';

export interface AddOffsetsToTxnRequest {
  readonly transactionalId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly groupId: string;
}

/** AddOffsetsToTxn v0–1; answered with `encodeTxnErrorResponse`. */
export function decodeAddOffsetsToTxnRequest(reader: ByteReader): AddOffsetsToTxnRequest {
  return {
    transactionalId: reader.string(),
    producerId: reader.int64(),
    producerEpoch: reader.int16(),
    groupId: reader.string(),
  };
}
