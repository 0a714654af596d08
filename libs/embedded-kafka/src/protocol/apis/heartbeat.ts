import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

export interface HeartbeatRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
}

/** Heartbeat v0–3. */
export function decodeHeartbeatRequest(reader: ByteReader, version: number): HeartbeatRequest {
  const groupId = reader.string();
  const generationId = reader.int32();
  const memberId = reader.string();
  if (version >= 3) reader.nullableString();
  return { groupId, generationId, memberId };
}

/** Also the shape of every answer that is only an error code (with throttle time from v1). */
export function encodeErrorOnlyResponse(version: number, errorCode: number): Buffer {
  const writer = new ByteWriter();
  if (version >= 1) writer.int32(0);
  return writer.int16(errorCode).toBuffer();
}
