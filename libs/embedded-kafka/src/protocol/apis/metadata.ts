import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface MetadataRequest {
  /** null asks for every topic. */
  readonly topics: string[] | null;
  readonly allowAutoTopicCreation: boolean;
}

export function decodeMetadataRequest(reader: ByteReader, version: number): MetadataRequest {
  const topics = reader.nullableArray((r) => r.string());
  const allowAutoTopicCreation = version >= 4 ? reader.boolean() : true;
  return { topics, allowAutoTopicCreation };
}

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

/** Metadata v1–6; the single broker leads every partition. */
export function encodeMetadataResponse(version: number, response: MetadataResponse): Buffer {
  const { broker } = response;
  const writer = new ByteWriter();
  if (version >= 3) writer.int32(0);
  writer.array([broker], (w, b) => {
    w.int32(b.nodeId).string(b.host).int32(b.port).nullableString(null);
  });
  if (version >= 2) writer.nullableString(response.clusterId);
  writer.int32(broker.nodeId);
  writer.array(response.topics, (w, topic) => {
    w.int16(topic.errorCode).string(topic.name).boolean(false);
    const partitions = Array.from({ length: topic.partitionCount }, (_, index) => index);
    w.array(partitions, (pw, partition) => {
      pw.int16(0).int32(partition).int32(broker.nodeId);
      pw.int32Array([broker.nodeId]).int32Array([broker.nodeId]);
      if (version >= 5) pw.int32Array([]);
    });
  });
  return writer.toBuffer();
}
