import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;

export interface ListOffsetsPartitionRequest {
  readonly partition: number;
  readonly timestamp: number;
  /** v0 only: how many segment offsets to answer. */
  readonly maxNumOffsets: number;
}

export interface ListOffsetsRequest {
  /** 1 (read_committed) from v2 on; v0 and v1 have none and answer the high watermark. */
  readonly isolationLevel: number;
  readonly topics: { topic: string; partitions: ListOffsetsPartitionRequest[] }[];
}

/** ListOffsets v0–5 (v0 has max_num_offsets, v2 an isolation level, v4 a leader epoch). */
export function decodeListOffsetsRequest(reader: ByteReader, version: number): ListOffsetsRequest {
  reader.int32();
  const isolationLevel = version >= 2 ? reader.int8() : 0;
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((p) => {
      const partition = p.int32();
      if (version >= 4) p.int32();
      const timestamp = p.int64();
      const maxNumOffsets = version === 0 ? p.int32() : 1;
      return { partition, timestamp, maxNumOffsets };
    }),
  }));
  return { isolationLevel, topics };
}

export interface ListOffsetsPartitionResult {
  readonly partition: number;
  readonly errorCode: number;
  readonly timestamp: number;
  readonly offset: number;
  /** v0's answer: offsets newest first. */
  readonly oldStyleOffsets: readonly number[];
}

/** No leader epochs are kept; Kafka answers -1 for that too. */
const NO_LEADER_EPOCH = -1;

export function encodeListOffsetsResponse(
  version: number,
  topics: readonly { topic: string; partitions: readonly ListOffsetsPartitionResult[] }[],
): Buffer {
  const writer = new ByteWriter();
  if (version >= 2) writer.int32(0);
  writer.array(topics, (w, topic) => {
    w.string(topic.topic);
    w.array(topic.partitions, (pw, p) => {
      pw.int32(p.partition).int16(p.errorCode);
      if (version === 0) {
        pw.array(p.oldStyleOffsets, (ow, offset) => ow.int64(offset));
        return;
      }
      pw.int64(p.timestamp).int64(p.offset);
      if (version >= 4) pw.int32(NO_LEADER_EPOCH);
    });
  });
  return writer.toBuffer();
}
