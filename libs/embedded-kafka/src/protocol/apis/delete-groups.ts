import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

/** DeleteGroups v0–1 (same layout). */
export function decodeDeleteGroupsRequest(reader: ByteReader): { groupIds: string[] } {
  return { groupIds: reader.array((r) => r.string()) };
}

export function encodeDeleteGroupsResponse(
  results: readonly { groupId: string; errorCode: number }[],
): Buffer {
  const writer = new ByteWriter();
  writer.int32(0);
  writer.array(results, (w, r) => {
    w.string(r.groupId).int16(r.errorCode);
  });
  return writer.toBuffer();
}
