import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

/** SaslHandshake v0–1 (same layout; v1 means SaslAuthenticate requests carry the tokens). */
export function decodeSaslHandshakeRequest(reader: ByteReader): { mechanism: string } {
  return { mechanism: reader.string() };
}

export function encodeSaslHandshakeResponse(
  errorCode: number,
  enabledMechanisms: readonly string[],
): Buffer {
  const writer = new ByteWriter();
  writer.int16(errorCode);
  writer.array(enabledMechanisms, (w, mechanism) => void w.string(mechanism));
  return writer.toBuffer();
}
