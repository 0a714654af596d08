import { ByteReader } from '../byte-reader';
import { encodePartitionErrors, TopicPartitionErrors } from './partition-errors';

export interface AddPartitionsToTxnRequest {
  readonly transactionalId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly topics: { topic: string; partitions: number[] }[];
}

/** AddPartitionsToTxn v0–1 (v1 only changes how the client is authorized). */
export function decodeAddPartitionsToTxnRequest(reader: ByteReader): AddPartitionsToTxnRequest {
  const transactionalId = reader.string();
  const producerId = reader.int64();
  const producerEpoch = reader.int16();
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((p) => p.int32()),
  }));
  return { transactionalId, producerId, producerEpoch, topics };
}

export function encodeAddPartitionsToTxnResponse(topics: readonly TopicPartitionErrors[]): Buffer {
  return encodePartitionErrors(topics, true);
}
