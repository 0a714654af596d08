import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';
import { ConfigEntry } from './create-topics';

export interface AlterConfigsResource {
  readonly type: number;
  readonly name: string;
  readonly configs: ConfigEntry[];
}

/** AlterConfigs v0–1 (same layout): each resource's configs replace all its overrides. */
export function decodeAlterConfigsRequest(reader: ByteReader): {
  resources: AlterConfigsResource[];
  validateOnly: boolean;
} {
  const resources = reader.array((r) => ({
    type: r.int8(),
    name: r.string(),
    configs: r.array((c) => ({ name: c.string(), value: c.nullableString() })),
  }));
  return { resources, validateOnly: reader.boolean() };
}

export interface AlterConfigsResult {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly type: number;
  readonly name: string;
}

export function encodeAlterConfigsResponse(results: readonly AlterConfigsResult[]): Buffer {
  const writer = new ByteWriter();
  writer.int32(0);
  writer.array(results, (w, r) => {
    w.int16(r.errorCode).nullableString(r.errorMessage).int8(r.type).string(r.name);
  });
  return writer.toBuffer();
}
