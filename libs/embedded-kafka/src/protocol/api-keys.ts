export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteRecords: 21,
  InitProducerId: 22,
  AddPartitionsToTxn: 24,
  AddOffsetsToTxn: 25,
  EndTxn: 26,
  TxnOffsetCommit: 28,
  DescribeConfigs: 32,
  AlterConfigs: 33,
  SaslAuthenticate: 36,
  CreatePartitions: 37,
  DeleteGroups: 42,
} as const;

export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Advertised version ranges. librdkafka picks its features from these, so the
 * lower ends include the versions it needs (e.g. Produce 3, Fetch 4), not only
 * the ones kafkajs uses. Otherwise they are what Kafka 2.4 accepts, up to its
 * last non-flexible version: none is a flexible (tagged-field) version, except
 * the ApiVersions v3 answer handled separately. Produce below 3 and Fetch below
 * 4 carry the old message-set format, which the log does not store.
 */
export const SUPPORTED_VERSIONS: ReadonlyMap<number, VersionRange> = new Map([
  [ApiKey.Produce, { min: 3, max: 7 }],
  [ApiKey.Fetch, { min: 4, max: 11 }],
  [ApiKey.ListOffsets, { min: 0, max: 5 }],
  [ApiKey.Metadata, { min: 0, max: 8 }],
  [ApiKey.OffsetCommit, { min: 1, max: 7 }],
  [ApiKey.OffsetFetch, { min: 1, max: 5 }],
  [ApiKey.FindCoordinator, { min: 0, max: 2 }],
  [ApiKey.JoinGroup, { min: 0, max: 5 }],
  [ApiKey.Heartbeat, { min: 0, max: 3 }],
  [ApiKey.LeaveGroup, { min: 0, max: 3 }],
  [ApiKey.SyncGroup, { min: 0, max: 3 }],
  [ApiKey.DescribeGroups, { min: 0, max: 4 }],
  [ApiKey.ListGroups, { min: 0, max: 2 }],
  [ApiKey.SaslHandshake, { min: 0, max: 1 }],
  [ApiKey.ApiVersions, { min: 0, max: 2 }],
  [ApiKey.CreateTopics, { min: 0, max: 4 }],
  [ApiKey.DeleteTopics, { min: 0, max: 3 }],
  [ApiKey.DeleteRecords, { min: 0, max: 1 }],
  [ApiKey.InitProducerId, { min: 0, max: 1 }],
  [ApiKey.DescribeConfigs, { min: 0, max: 2 }],
  [ApiKey.AlterConfigs, { min: 0, max: 1 }],
  [ApiKey.CreatePartitions, { min: 0, max: 1 }],
  [ApiKey.SaslAuthenticate, { min: 0, max: 1 }],
  [ApiKey.DeleteGroups, { min: 0, max: 1 }],
  [ApiKey.AddPartitionsToTxn, { min: 0, max: 1 }],
  [ApiKey.AddOffsetsToTxn, { min: 0, max: 1 }],
  [ApiKey.EndTxn, { min: 0, max: 1 }],
  [ApiKey.TxnOffsetCommit, { min: 0, max: 2 }],
]);

export function isSupportedVersion(apiKey: number, version: number): boolean {
  const range = SUPPORTED_VERSIONS.get(apiKey);
  return range !== undefined && version >= range.min && version <= range.max;
}
