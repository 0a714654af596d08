import { SUPPORTED_VERSIONS } from '../api-keys';
import { ByteWriter } from '../byte-writer';
import { ErrorCode } from '../error-codes';

/** The first flexible ApiVersions version; librdkafka asks with it first. */
export const FLEXIBLE_API_VERSIONS_VERSION = 3;

/**
 * ApiVersions v0–2 answer (v1+ add throttle time). An unsupported version is
 * answered in the v0 layout with UNSUPPORTED_VERSION so the client can retry lower.
 */
export function encodeApiVersionsResponse(version: number, errorCode: number): Buffer {
  const writer = new ByteWriter();
  writer.int16(errorCode);
  writer.array([...SUPPORTED_VERSIONS], (w, [apiKey, range]) => {
    w.int16(apiKey).int16(range.min).int16(range.max);
  });
  if (version >= 1 && errorCode === ErrorCode.NONE) writer.int32(0);
  return writer.toBuffer();
}

/**
 * ApiVersions v3 answer: compact array, tagged fields. Its response header stays
 * v0 (correlation id only), as Kafka specifies for ApiVersions.
 */
export function encodeFlexibleApiVersionsResponse(): Buffer {
  const writer = new ByteWriter();
  writer.int16(ErrorCode.NONE);
  writer.unsignedVarint(SUPPORTED_VERSIONS.size + 1);
  for (const [apiKey, range] of SUPPORTED_VERSIONS) {
    writer.int16(apiKey).int16(range.min).int16(range.max).unsignedVarint(0);
  }
  writer.int32(0);
  writer.unsignedVarint(0);
  return writer.toBuffer();
}
