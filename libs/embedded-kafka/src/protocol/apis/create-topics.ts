import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface ReplicaAssignment {
  readonly partition: number;
  readonly brokers: readonly number[];
}

export interface ConfigEntry {
  readonly name: string;
  readonly value: string | null;
}

export interface CreateTopicRequest {
  readonly name: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  readonly assignments: readonly ReplicaAssignment[];
  readonly configs: readonly ConfigEntry[];
}

export interface CreateTopicsRequest {
  readonly topics: CreateTopicRequest[];
  readonly validateOnly: boolean;
}

/** CreateTopics v0–4 (v4 has v3's layout). */
export function decodeCreateTopicsRequest(
  reader: ByteReader,
  version: number,
): CreateTopicsRequest {
  const topics = reader.array((r) => {
    const name = r.string();
    const numPartitions = r.int32();
    const replicationFactor = r.int16();
    const assignments = r.array((a) => ({
      partition: a.int32(),
      brokers: a.array((b) => b.int32()),
    }));
    const configs = r.array((c) => ({ name: c.string(), value: c.nullableString() }));
    return { name, numPartitions, replicationFactor, assignments, configs };
  });
  reader.int32();
  const validateOnly = version >= 1 ? reader.boolean() : false;
  return { topics, validateOnly };
}

export interface TopicErrorResult {
  readonly name: string;
  readonly errorCode: number;
  readonly errorMessage: string | null;
}

export function encodeCreateTopicsResponse(
  version: number,
  topics: readonly TopicErrorResult[],
): Buffer {
  const writer = new ByteWriter();
  if (version >= 2) writer.int32(0);
  writer.array(topics, (w, t) => {
    w.string(t.name).int16(t.errorCode);
    if (version >= 1) w.nullableString(t.errorMessage);
  });
  return writer.toBuffer();
}
