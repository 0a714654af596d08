import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface LeaveGroupRequest {
  readonly groupId: string;
  readonly memberIds: string[];
}

/** LeaveGroup v0–3; v3 names several members (each with an optional instance id). */
export function decodeLeaveGroupRequest(reader: ByteReader, version: number): LeaveGroupRequest {
  const groupId = reader.string();
  if (version < 3) return { groupId, memberIds: [reader.string()] };
  const memberIds = reader.array((r) => {
    const memberId = r.string();
    r.nullableString();
    return memberId;
  });
  return { groupId, memberIds };
}

export function encodeLeaveGroupResponse(
  version: number,
  errorCode: number,
  members: readonly { memberId: string; errorCode: number }[],
): Buffer {
  const writer = new ByteWriter();
  if (version >= 1) writer.int32(0);
  writer.int16(errorCode);
  if (version >= 3) {
    writer.array(members, (w, m) => {
      w.string(m.memberId).nullableString(null).int16(m.errorCode);
    });
  }
  return writer.toBuffer();
}
