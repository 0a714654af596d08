import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface OffsetFetchRequest {
  readonly groupId: string;
  /** null (v2+) asks for every committed partition of the group. */
  readonly topics: { topic: string; partitions: number[] }[] | null;
}

/** OffsetFetch v1–5 (the layout of v0 too, but Kafka keeps v0 offsets in ZooKeeper). */
export function decodeOffsetFetchRequest(reader: ByteReader): OffsetFetchRequest {
  const groupId = reader.string();
  const topics = reader.nullableArray((r) => ({
    topic: r.string(),
    partitions: r.array((p) => p.int32()),
  }));
  return { groupId, topics };
}

/** Commits keep no leader epoch (v5). */
const NO_LEADER_EPOCH = -1;

export interface OffsetFetchPartitionResult {
  readonly partition: number;
  readonly offset: number;
  readonly metadata: string | null;
  readonly errorCode: number;
}

export function encodeOffsetFetchResponse(
  version: number,
  topics: readonly { topic: string; partitions: readonly OffsetFetchPartitionResult[] }[],
  errorCode: number,
): Buffer {
  const writer = new ByteWriter();
  if (version >= 3) writer.int32(0);
  writer.array(topics, (w, t) => {
    w.string(t.topic);
    w.array(t.partitions, (pw, p) => {
      pw.int32(p.partition).int64(p.offset);
      if (version >= 5) pw.int32(NO_LEADER_EPOCH);
      pw.nullableString(p.metadata).int16(p.errorCode);
    });
  });
  if (version >= 2) writer.int16(errorCode);
  return writer.toBuffer();
}
