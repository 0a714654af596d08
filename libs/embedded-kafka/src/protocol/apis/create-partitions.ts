import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';
import { TopicErrorResult } from './create-topics';

export interface CreatePartitionsTopic {
  readonly name: string;
  readonly count: number;
  /** Brokers of each new partition, or null to let the broker place them. */
  readonly assignments: (readonly number[])[] | null;
}

/** CreatePartitions v0–1 (same layout). */
export function decodeCreatePartitionsRequest(reader: ByteReader): {
  topics: CreatePartitionsTopic[];
  validateOnly: boolean;
} {
  const topics = reader.array((r) => ({
    name: r.string(),
    count: r.int32(),
    assignments: r.nullableArray((a) => a.array((b) => b.int32())),
  }));
  reader.int32();
  return { topics, validateOnly: reader.boolean() };
}

export function encodeCreatePartitionsResponse(results: readonly TopicErrorResult[]): Buffer {
  const writer = new ByteWriter();
  writer.int32(0);
  writer.array(results, (w, r) => {
    w.string(r.name).int16(r.errorCode).nullableString(r.errorMessage);
  });
  return writer.toBuffer();
}
