import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;

export interface ListOffsetsRequest {
  /** 1 (read_committed) from v2 on; v1 has none and answers the high watermark. */
  readonly isolationLevel: number;
  readonly topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[];
}

/** ListOffsets v1–3. */
export function decodeListOffsetsRequest(reader: ByteReader, version: number): ListOffsetsRequest {
  reader.int32();
  const isolationLevel = version >= 2 ? reader.int8() : 0;
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((p) => ({ partition: p.int32(), timestamp: p.int64() })),
  }));
  return { isolationLevel, topics };
}

export interface ListOffsetsPartitionResult {
  readonly partition: number;
  readonly errorCode: number;
  readonly timestamp: number;
  readonly offset: number;
}

export function encodeListOffsetsResponse(
  version: number,
  topics: readonly { topic: string; partitions: readonly ListOffsetsPartitionResult[] }[],
): Buffer {
  const writer = new ByteWriter();
  if (version >= 2) writer.int32(0);
  writer.array(topics, (w, topic) => {
    w.string(topic.topic);
    w.array(topic.partitions, (pw, p) => {
      pw.int32(p.partition).int16(p.errorCode).int64(p.timestamp).int64(p.offset);
    });
  });
  return writer.toBuffer();
}
