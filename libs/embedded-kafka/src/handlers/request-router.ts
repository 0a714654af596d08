import { ApiKey } from '../protocol/api-keys';
import { RequestHandler } from './broker-context';
import { handleAlterConfigs, handleDescribeConfigs } from './config-handlers';
import { handleDeleteGroups } from './delete-groups-handler';
import { handleDeleteRecords } from './delete-records-handler';
import { handleFetch } from './fetch-handler';
import {
  handleDescribeGroups,
  handleFindCoordinator,
  handleHeartbeat,
  handleJoinGroup,
  handleLeaveGroup,
  handleListGroups,
  handleSyncGroup,
} from './group-handlers';
import { handleInitProducerId } from './init-producer-id-handler';
import { handleListOffsets } from './list-offsets-handler';
import { handleOffsetCommit, handleOffsetFetch } from './offset-handlers';
import { handleProduce } from './produce-handler';
import { handleSaslAuthenticate, handleSaslHandshake } from './sasl-handlers';
import {
  handleCreatePartitions,
  handleCreateTopics,
  handleDeleteTopics,
  handleMetadata,
} from './topic-handlers';
import {
  handleAddOffsetsToTxn,
  handleAddPartitionsToTxn,
  handleEndTxn,
  handleTxnOffsetCommit,
} from './transaction-handlers';

/** Every API except ApiVersions, which the connection answers itself (its v3 framing differs). */
export const REQUEST_HANDLERS: ReadonlyMap<number, RequestHandler> = new Map([
  [ApiKey.Produce, handleProduce],
  [ApiKey.Fetch, handleFetch],
  [ApiKey.ListOffsets, handleListOffsets],
  [ApiKey.Metadata, handleMetadata],
  [ApiKey.OffsetCommit, handleOffsetCommit],
  [ApiKey.OffsetFetch, handleOffsetFetch],
  [ApiKey.FindCoordinator, handleFindCoordinator],
  [ApiKey.JoinGroup, handleJoinGroup],
  [ApiKey.Heartbeat, handleHeartbeat],
  [ApiKey.LeaveGroup, handleLeaveGroup],
  [ApiKey.SyncGroup, handleSyncGroup],
  [ApiKey.DescribeGroups, handleDescribeGroups],
  [ApiKey.ListGroups, handleListGroups],
  [ApiKey.CreateTopics, handleCreateTopics],
  [ApiKey.DeleteTopics, handleDeleteTopics],
  [ApiKey.InitProducerId, handleInitProducerId],
  [ApiKey.DeleteRecords, handleDeleteRecords],
  [ApiKey.DescribeConfigs, handleDescribeConfigs],
  [ApiKey.AlterConfigs, handleAlterConfigs],
  [ApiKey.CreatePartitions, handleCreatePartitions],
  [ApiKey.DeleteGroups, handleDeleteGroups],
  [ApiKey.SaslHandshake, handleSaslHandshake],
  [ApiKey.SaslAuthenticate, handleSaslAuthenticate],
  [ApiKey.AddPartitionsToTxn, handleAddPartitionsToTxn],
  [ApiKey.AddOffsetsToTxn, handleAddOffsetsToTxn],
  [ApiKey.EndTxn, handleEndTxn],
  [ApiKey.TxnOffsetCommit, handleTxnOffsetCommit],
]);
