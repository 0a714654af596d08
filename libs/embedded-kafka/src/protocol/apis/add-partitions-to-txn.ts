import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface AddPartitionsToTxnRequest {
  readonly transactionalId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly topics: { topic: string; partitions: number[] }[];
}

/** AddPartitionsToTxn v0–1 (v1 only changes how the client is authorized). */
export function decodeAddPartitionsToTxnRequest(reader: ByteReader): AddPartitionsToTxnRequest {
  const transactionalId = reader.string();
  const producerId = reader.int64();
  const producerEpoch = reader.int16();
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((p) => p.int32()),
  }));
  return { transactionalId, producerId, producerEpoch, topics };
}

export function encodeAddPartitionsToTxnResponse(
  topics: readonly {
    topic: string;
    partitions: readonly { partition: number; errorCode: number }[];
  }[],
): Buffer {
  const writer = new ByteWriter();
  writer.int32(0);
  writer.array(topics, (w, t) => {
    w.string(t.topic);
    w.array(t.partitions, (pw, p) => {
      pw.int32(p.partition).int16(p.errorCode);
    });
  });
  return writer.toBuffer();
}
