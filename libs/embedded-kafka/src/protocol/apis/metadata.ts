import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface MetadataRequest {
  /** null asks for every topic. */
  readonly topics: string[] | null;
  readonly allowAutoTopicCreation: boolean;
}

/** Metadata v0–8; in v0 an empty topic list (there is no null) asks for every topic. */
export function decodeMetadataRequest(reader: ByteReader, version: number): MetadataRequest {
  const listed = reader.nullableArray((r) => r.string());
  const topics = version === 0 && listed?.length === 0 ? null : listed;
  const allowAutoTopicCreation = version >= 4 ? reader.boolean() : true;
  if (version >= 8) {
    reader.boolean();
    reader.boolean();
  }
  return { topics, allowAutoTopicCreation };
}

/** Kafka's answer for authorized operations nobody asked for (v8). */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;
/** No leader epochs are kept (v7). */
const NO_LEADER_EPOCH = -1;

export interface BrokerEndpoint {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

export interface TopicMetadata {
  readonly errorCode: number;
  readonly name: string;
  readonly partitionCount: number;
}

export interface MetadataResponse {
  readonly broker: BrokerEndpoint;
  readonly clusterId: string;
  readonly topics: readonly TopicMetadata[];
}

/**
 * Metadata v0–8; the single broker leads every partition. v0 has no rack,
 * controller or is_internal; v8 adds authorized operations (not computed).
 */
export function encodeMetadataResponse(version: number, response: MetadataResponse): Buffer {
  const { broker } = response;
  const writer = new ByteWriter();
  if (version >= 3) writer.int32(0);
  writer.array([broker], (w, b) => {
    w.int32(b.nodeId).string(b.host).int32(b.port);
    if (version >= 1) w.nullableString(null);
  });
  if (version >= 2) writer.nullableString(response.clusterId);
  if (version >= 1) writer.int32(broker.nodeId);
  writer.array(response.topics, (w, topic) => {
    w.int16(topic.errorCode).string(topic.name);
    if (version >= 1) w.boolean(false);
    const partitions = Array.from({ length: topic.partitionCount }, (_, index) => index);
    w.array(partitions, (pw, partition) => {
      pw.int16(0).int32(partition).int32(broker.nodeId);
      if (version >= 7) pw.int32(NO_LEADER_EPOCH);
      pw.int32Array([broker.nodeId]).int32Array([broker.nodeId]);
      if (version >= 5) pw.int32Array([]);
    });
    if (version >= 8) w.int32(AUTHORIZED_OPERATIONS_OMITTED);
  });
  if (version >= 8) writer.int32(AUTHORIZED_OPERATIONS_OMITTED);
  return writer.toBuffer();
}
