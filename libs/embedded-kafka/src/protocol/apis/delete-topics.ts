import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

/** DeleteTopics v0–1. */
export function decodeDeleteTopicsRequest(reader: ByteReader): { topics: string[] } {
  const topics = reader.array((r) => r.string());
  reader.int32();
  return { topics };
}

export function encodeDeleteTopicsResponse(
  version: number,
  topics: readonly { name: string; errorCode: number }[],
): Buffer {
  const writer = new ByteWriter();
  if (version >= 1) writer.int32(0);
  writer.array(topics, (w, t) => {
    w.string(t.name).int16(t.errorCode);
  });
  return writer.toBuffer();
}
