import { ByteReader } from '../byte-reader';
import { encodePartitionErrors, TopicPartitionErrors } from './partition-errors';

export interface OffsetCommitPartition {
  readonly partition: number;
  readonly offset: number;
  readonly metadata: string | null;
}

export interface OffsetCommitRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly topics: { topic: string; partitions: OffsetCommitPartition[] }[];
}

/**
 * OffsetCommit v1–7 (v1 carries a per-partition timestamp, v2–4 a retention
 * time, v6 a leader epoch, v7 a group instance id; both read and ignored).
 */
export function decodeOffsetCommitRequest(
  reader: ByteReader,
  version: number,
): OffsetCommitRequest {
  const groupId = reader.string();
  const generationId = reader.int32();
  const memberId = reader.string();
  if (version >= 7) reader.nullableString();
  if (version >= 2 && version <= 4) reader.int64();
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((p) => {
      const partition = p.int32();
      const offset = p.int64();
      if (version === 1) p.int64();
      if (version >= 6) p.int32();
      return { partition, offset, metadata: p.nullableString() };
    }),
  }));
  return { groupId, generationId, memberId, topics };
}

export function encodeOffsetCommitResponse(
  version: number,
  topics: readonly TopicPartitionErrors[],
): Buffer {
  return encodePartitionErrors(topics, version >= 3);
}
