import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface OffsetFetchRequest {
  readonly groupId: string;
  /** null (v2+) asks for every committed partition of the group. */
  readonly topics: { topic: string; partitions: number[] }[] | null;
}

/** OffsetFetch v1–4. */
export function decodeOffsetFetchRequest(reader: ByteReader): OffsetFetchRequest {
  const groupId = reader.string();
  const topics = reader.nullableArray((r) => ({
    topic: r.string(),
    partitions: r.array((p) => p.int32()),
  }));
  return { groupId, topics };
}

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
      pw.int32(p.partition).int64(p.offset).nullableString(p.metadata).int16(p.errorCode);
    });
  });
  if (version >= 2) writer.int16(errorCode);
  return writer.toBuffer();
}
