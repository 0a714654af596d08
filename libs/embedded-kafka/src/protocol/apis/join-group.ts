import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface GroupProtocol {
  readonly name: string;
  readonly metadata: Buffer;
}

export interface JoinGroupRequest {
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly memberId: string;
  readonly protocolType: string;
  readonly protocols: GroupProtocol[];
}

/** JoinGroup v0–5 (v0 has no rebalance timeout; it equals the session timeout there). */
export function decodeJoinGroupRequest(reader: ByteReader, version: number): JoinGroupRequest {
  const groupId = reader.string();
  const sessionTimeoutMs = reader.int32();
  const rebalanceTimeoutMs = version >= 1 ? reader.int32() : sessionTimeoutMs;
  const memberId = reader.string();
  if (version >= 5) reader.nullableString();
  const protocolType = reader.string();
  const protocols = reader.array((r) => ({ name: r.string(), metadata: Buffer.from(r.bytes()) }));
  return { groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, protocolType, protocols };
}

export interface JoinGroupResponse {
  readonly errorCode: number;
  readonly generationId: number;
  readonly protocolName: string;
  readonly leaderId: string;
  readonly memberId: string;
  readonly members: readonly { memberId: string; metadata: Buffer }[];
}

export function encodeJoinGroupResponse(version: number, response: JoinGroupResponse): Buffer {
  const writer = new ByteWriter();
  if (version >= 2) writer.int32(0);
  writer.int16(response.errorCode).int32(response.generationId);
  writer.string(response.protocolName).string(response.leaderId).string(response.memberId);
  writer.array(response.members, (w, m) => {
    w.string(m.memberId);
    if (version >= 5) w.nullableString(null);
    w.bytes(m.metadata);
  });
  return writer.toBuffer();
}
