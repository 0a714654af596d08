import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface ProducePartitionData {
  readonly partition: number;
  readonly records: Buffer | null;
}

export interface ProduceTopicData {
  readonly topic: string;
  readonly partitions: ProducePartitionData[];
}

export interface ProduceRequest {
  readonly transactionalId: string | null;
  readonly acks: number;
  readonly timeoutMs: number;
  readonly topics: ProduceTopicData[];
}

/** Produce v3–7 (record batches, magic 2). */
export function decodeProduceRequest(reader: ByteReader): ProduceRequest {
  const transactionalId = reader.nullableString();
  const acks = reader.int16();
  const timeoutMs = reader.int32();
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((p) => ({ partition: p.int32(), records: p.nullableBytes() })),
  }));
  return { transactionalId, acks, timeoutMs, topics };
}

export interface ProducePartitionResult {
  readonly partition: number;
  readonly errorCode: number;
  readonly baseOffset: number;
  readonly logStartOffset: number;
}

export interface ProduceTopicResult {
  readonly topic: string;
  readonly partitions: readonly ProducePartitionResult[];
}

export function encodeProduceResponse(
  version: number,
  topics: readonly ProduceTopicResult[],
): Buffer {
  const writer = new ByteWriter();
  writer.array(topics, (w, topic) => {
    w.string(topic.topic);
    w.array(topic.partitions, (pw, p) => {
      pw.int32(p.partition).int16(p.errorCode).int64(p.baseOffset).int64(-1);
      if (version >= 5) pw.int64(p.logStartOffset);
    });
  });
  writer.int32(0);
  return writer.toBuffer();
}
