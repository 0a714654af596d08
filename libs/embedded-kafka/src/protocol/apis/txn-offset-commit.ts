import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';
import { OffsetCommitPartition } from './offset-commit';

export interface TxnOffsetCommitRequest {
  readonly transactionalId: string;
  readonly groupId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly topics: { topic: string; partitions: OffsetCommitPartition[] }[];
}

/** TxnOffsetCommit v0–2 (v2 adds each partition's leader epoch, which is read and ignored). */
export function decodeTxnOffsetCommitRequest(
  reader: ByteReader,
  version: number,
): TxnOffsetCommitRequest {
  const transactionalId = reader.string();
  const groupId = reader.string();
  const producerId = reader.int64();
  const producerEpoch = reader.int16();
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((p) => {
      const partition = p.int32();
      const offset = p.int64();
      if (version >= 2) p.int32();
      return { partition, offset, metadata: p.nullableString() };
    }),
  }));
  return { transactionalId, groupId, producerId, producerEpoch, topics };
}

export function encodeTxnOffsetCommitResponse(
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
