import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface FetchPartitionRequest {
  readonly partition: number;
  readonly fetchOffset: number;
  readonly partitionMaxBytes: number;
}

export interface FetchTopicRequest {
  readonly topic: string;
  readonly partitions: FetchPartitionRequest[];
}

/** Fetch and ListOffsets isolation levels. */
export const READ_COMMITTED = 1;

export interface FetchRequest {
  readonly maxWaitMs: number;
  readonly isolationLevel: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly topics: FetchTopicRequest[];
}

/** Fetch v4–11. Fetch sessions (v7+) are not kept: every fetch is a full one. */
export function decodeFetchRequest(reader: ByteReader, version: number): FetchRequest {
  reader.int32();
  const maxWaitMs = reader.int32();
  const minBytes = reader.int32();
  const maxBytes = reader.int32();
  const isolationLevel = reader.int8();
  if (version >= 7) {
    reader.int32();
    reader.int32();
  }
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((p) => {
      const partition = p.int32();
      if (version >= 9) p.int32();
      const fetchOffset = p.int64();
      if (version >= 5) p.int64();
      return { partition, fetchOffset, partitionMaxBytes: p.int32() };
    }),
  }));
  if (version >= 7)
    reader.array((r) => ({ topic: r.string(), partitions: r.array((p) => p.int32()) }));
  if (version >= 11) reader.string();
  return { maxWaitMs, minBytes, maxBytes, isolationLevel, topics };
}

export interface FetchPartitionResult {
  readonly partition: number;
  readonly errorCode: number;
  readonly highWatermark: number;
  readonly lastStableOffset: number;
  readonly logStartOffset: number;
  /** Null for read_uncommitted fetches, as Kafka answers them. */
  readonly abortedTransactions: readonly { producerId: number; firstOffset: number }[] | null;
  readonly records: readonly Buffer[];
}

export interface FetchTopicResult {
  readonly topic: string;
  readonly partitions: readonly FetchPartitionResult[];
}

/** The records are referenced, not copied: the answer is a list of buffers to write in order. */
export function encodeFetchResponse(
  version: number,
  topics: readonly FetchTopicResult[],
): Buffer[] {
  const writer = new ByteWriter(1024);
  writer.int32(0);
  if (version >= 7) writer.int16(0).int32(0);
  writer.array(topics, (w, topic) => {
    w.string(topic.topic);
    w.array(topic.partitions, (pw, p) => {
      pw.int32(p.partition).int16(p.errorCode).int64(p.highWatermark).int64(p.lastStableOffset);
      if (version >= 5) pw.int64(p.logStartOffset);
      if (p.abortedTransactions === null) pw.int32(-1);
      else
        pw.array(p.abortedTransactions, (aw, t) => {
          aw.int64(t.producerId).int64(t.firstOffset);
        });
      if (version >= 11) pw.int32(-1);
      pw.referencedBytes(p.records);
    });
  });
  return writer.toBuffers();
}
