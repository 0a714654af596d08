import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

/** SaslAuthenticate v0–1 (non-flexible): the mechanism's token. */
export function decodeSaslAuthenticateRequest(reader: ByteReader): { authBytes: Buffer } {
  return { authBytes: reader.bytes() };
}

export interface SaslAuthenticateResponse {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly authBytes: Buffer;
}

/** v1 adds the session lifetime; 0 (no re-authentication required), as Kafka's default. */
export function encodeSaslAuthenticateResponse(
  version: number,
  response: SaslAuthenticateResponse,
): Buffer {
  const writer = new ByteWriter();
  writer.int16(response.errorCode).nullableString(response.errorMessage).bytes(response.authBytes);
  if (version >= 1) writer.int64(0);
  return writer.toBuffer();
}
