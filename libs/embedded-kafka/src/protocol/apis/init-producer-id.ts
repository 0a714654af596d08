import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

/** InitProducerId v0–1. */
export function decodeInitProducerIdRequest(reader: ByteReader): {
  transactionalId: string | null;
  transactionTimeoutMs: number;
} {
  const transactionalId = reader.nullableString();
  const transactionTimeoutMs = reader.int32();
  return { transactionalId, transactionTimeoutMs };
}

export function encodeInitProducerIdResponse(
  errorCode: number,
  producerId: number,
  producerEpoch: number,
): Buffer {
  return new ByteWriter()
    .int32(0)
    .int16(errorCode)
    .int64(producerId)
    .int16(producerEpoch)
    .toBuffer();
}
