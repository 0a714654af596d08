import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';
import { BrokerEndpoint } from './metadata';

/** FindCoordinator v0–2; v1+ add a key type (group or transaction), answered alike. */
export function decodeFindCoordinatorRequest(reader: ByteReader, version: number): { key: string } {
  const key = reader.string();
  if (version >= 1) reader.int8();
  return { key };
}

export function encodeFindCoordinatorResponse(
  version: number,
  errorCode: number,
  coordinator: BrokerEndpoint,
): Buffer {
  const writer = new ByteWriter();
  if (version >= 1) writer.int32(0);
  writer.int16(errorCode);
  if (version >= 1) writer.nullableString(null);
  writer.int32(coordinator.nodeId).string(coordinator.host).int32(coordinator.port);
  return writer.toBuffer();
}
