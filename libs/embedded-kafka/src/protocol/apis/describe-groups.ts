import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

/** DescribeGroups v0–2. */
export function decodeDescribeGroupsRequest(reader: ByteReader): { groupIds: string[] } {
  return { groupIds: reader.array((r) => r.string()) };
}

export interface GroupMemberDescription {
  readonly memberId: string;
  readonly clientId: string;
  readonly clientHost: string;
  readonly metadata: Buffer;
  readonly assignment: Buffer;
}

export interface GroupDescription {
  readonly errorCode: number;
  readonly groupId: string;
  readonly state: string;
  readonly protocolType: string;
  readonly protocol: string;
  readonly members: readonly GroupMemberDescription[];
}

export function encodeDescribeGroupsResponse(
  version: number,
  groups: readonly GroupDescription[],
): Buffer {
  const writer = new ByteWriter();
  if (version >= 1) writer.int32(0);
  writer.array(groups, (w, g) => {
    w.int16(g.errorCode)
      .string(g.groupId)
      .string(g.state)
      .string(g.protocolType)
      .string(g.protocol);
    w.array(g.members, (mw, m) => {
      mw.string(m.memberId)
        .string(m.clientId)
        .string(m.clientHost)
        .bytes(m.metadata)
        .bytes(m.assignment);
    });
  });
  return writer.toBuffer();
}
