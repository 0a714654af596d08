import { ByteReader } from '../byte-reader';
import { ByteWriter } from '../byte-writer';

/** Kafka's ConfigResource type ids. */
export const ResourceType = {
  TOPIC: 2,
  BROKER: 4,
  BROKER_LOGGER: 8,
} as const;

export interface ConfigResourceRequest {
  readonly type: number;
  readonly name: string;
  /** null or empty asks for every config. */
  readonly configNames: string[] | null;
}

/** DescribeConfigs v0–2 (v1 adds include_synonyms). */
export function decodeDescribeConfigsRequest(
  reader: ByteReader,
  version: number,
): { resources: ConfigResourceRequest[]; includeSynonyms: boolean } {
  const resources = reader.array((r) => ({
    type: r.int8(),
    name: r.string(),
    configNames: r.nullableArray((c) => c.string()),
  }));
  const includeSynonyms = version >= 1 ? reader.boolean() : false;
  return { resources, includeSynonyms };
}

export interface ConfigSynonym {
  readonly name: string;
  readonly value: string | null;
  readonly source: number;
}

export interface DescribedConfig {
  readonly name: string;
  readonly value: string | null;
  readonly readOnly: boolean;
  readonly source: number;
  readonly synonyms: readonly ConfigSynonym[];
}

export interface DescribeConfigsResult {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly type: number;
  readonly name: string;
  readonly configs: readonly DescribedConfig[];
}

const DEFAULT_CONFIG_SOURCE = 5;

/** v0 reports is_default where v1+ report the source (and synonyms). */
export function encodeDescribeConfigsResponse(
  version: number,
  results: readonly DescribeConfigsResult[],
): Buffer {
  const writer = new ByteWriter();
  writer.int32(0);
  writer.array(results, (w, r) => {
    w.int16(r.errorCode).nullableString(r.errorMessage).int8(r.type).string(r.name);
    w.array(r.configs, (cw, c) => {
      cw.string(c.name).nullableString(c.value).boolean(c.readOnly);
      if (version === 0) cw.boolean(c.source === DEFAULT_CONFIG_SOURCE);
      else cw.int8(c.source);
      cw.boolean(false);
      if (version >= 1) {
        cw.array(c.synonyms, (sw, s) => {
          sw.string(s.name).nullableString(s.value).int8(s.source);
        });
      }
    });
  });
  return writer.toBuffer();
}
