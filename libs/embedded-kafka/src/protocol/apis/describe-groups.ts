import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

/** DescribeGroups v0–4 (v3 may ask for authorized operations, which are not computed). */
export function decodeDescribeGroupsRequest(
  reader: ByteReader,
  version: number,
): { groupIds: string[] } {
  const groupIds = reader.array((r) => r.string());
  if (version >= 3) reader.boolean();
  return { groupIds };
}

/** Kafka's answer for authorized operations nobody asked for (v3). */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

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
      mw.string(m.memberId);
      // Static membership is not supported: no member has a group instance id.
      if (version >= 4) mw.nullableString(null);
      mw.string(m.clientId).string(m.clientHost).bytes(m.metadata).bytes(m.assignment);
    });
    if (version >= 3) w.int32(AUTHORIZED_OPERATIONS_OMITTED);
  });
  return writer.toBuffer();
}
