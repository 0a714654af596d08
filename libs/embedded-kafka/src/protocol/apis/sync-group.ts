import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface SyncGroupRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly assignments: { memberId: string; assignment: Buffer }[];
}

/** SyncGroup v0–3. */
export function decodeSyncGroupRequest(reader: ByteReader, version: number): SyncGroupRequest {
  const groupId = reader.string();
  const generationId = reader.int32();
  const memberId = reader.string();
  if (version >= 3) reader.nullableString();
  const assignments = reader.array((r) => ({
    memberId: r.string(),
    assignment: Buffer.from(r.bytes()),
  }));
  return { groupId, generationId, memberId, assignments };
}

export function encodeSyncGroupResponse(
  version: number,
  errorCode: number,
  assignment: Buffer,
): Buffer {
  const writer = new ByteWriter();
  if (version >= 1) writer.int32(0);
  return writer.int16(errorCode).bytes(assignment).toBuffer();
}
