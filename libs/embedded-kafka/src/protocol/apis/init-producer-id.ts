import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

/** InitProducerId v0–1. */
export function decodeInitProducerIdRequest(reader: ByteReader): {
  transactionalId: string | null;
} {
  const transactionalId = reader.nullableString();
  reader.int32();
  return { transactionalId };
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
