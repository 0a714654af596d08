import { ByteReader } from '../byte-reader';
import { OffsetCommitPartition } from './offset-commit';
import { encodePartitionErrors, TopicPartitionErrors } from './partition-errors';

export interface TxnOffsetCommitRequest {
  readonly transactionalId: string;
  readonly groupId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly topics: { topic: string; partitions: OffsetCommitPartition[] }[];
}

/** TxnOffsetCommit v0–2 (v2 adds each partition's leader epoch, which is read and ignored). */
export function decodeTxnOffsetCommitRequest(
  reader: ByteReader,
  version: number,
): TxnOffsetCommitRequest {
  const transactionalId = reader.string();
  const groupId = reader.string();
  const producerId = reader.int64();
  const producerEpoch = reader.int16();
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((p) => {
      const partition = p.int32();
      const offset = p.int64();
      if (version >= 2) p.int32();
      return { partition, offset, metadata: p.nullableString() };
    }),
  }));
  return { transactionalId, groupId, producerId, producerEpoch, topics };
}

export function encodeTxnOffsetCommitResponse(topics: readonly TopicPartitionErrors[]): Buffer {
  return encodePartitionErrors(topics, true);
}
