import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface DeleteRecordsTopic {
  readonly name: string;
  readonly partitions: { partition: number; offset: number }[];
}

/** DeleteRecords v0–1 (same layout). */
export function decodeDeleteRecordsRequest(reader: ByteReader): { topics: DeleteRecordsTopic[] } {
  const topics = reader.array((r) => ({
    name: r.string(),
    partitions: r.array((p) => ({ partition: p.int32(), offset: p.int64() })),
  }));
  reader.int32();
  return { topics };
}

export interface DeleteRecordsPartitionResult {
  readonly partition: number;
  readonly lowWatermark: number;
  readonly errorCode: number;
}

export function encodeDeleteRecordsResponse(
  topics: readonly { name: string; partitions: readonly DeleteRecordsPartitionResult[] }[],
): Buffer {
  const writer = new ByteWriter();
  writer.int32(0);
  writer.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (pw, p) => {
      pw.int32(p.partition).int64(p.lowWatermark).int16(p.errorCode);
    });
  });
  return writer.toBuffer();
}
