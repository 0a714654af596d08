import { ByteReader } from './byte-reader';

export interface RequestHeader {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
}

/**
 * Reads request header v1 (api key, version, correlation id, client id). A
 * flexible request (only ApiVersions v3 here) carries tagged fields after it,
 * which its handler skips without reading the body.
 */
export function readRequestHeader(reader: ByteReader): RequestHeader {
  const apiKey = reader.int16();
  const apiVersion = reader.int16();
  const correlationId = reader.int32();
  const clientId = reader.nullableString();
  return { apiKey, apiVersion, correlationId, clientId };
}
