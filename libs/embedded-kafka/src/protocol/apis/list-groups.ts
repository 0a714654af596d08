import { ByteWriter } from '../byte-writer';

/** ListGroups v0–2 (the request body is empty). */
export function encodeListGroupsResponse(
  version: number,
  groups: readonly { groupId: string; protocolType: string }[],
): Buffer {
  const writer = new ByteWriter();
  if (version >= 1) writer.int32(0);
  writer.int16(0);
  writer.array(groups, (w, g) => {
    w.string(g.groupId).string(g.protocolType);
  });
  return writer.toBuffer();
}
