import {
  decodeDescribeGroupsRequest,
  encodeDescribeGroupsResponse,
} from '../protocol/apis/describe-groups';
import {
  decodeFindCoordinatorRequest,
  encodeFindCoordinatorResponse,
} from '../protocol/apis/find-coordinator';
import { decodeHeartbeatRequest, encodeErrorOnlyResponse } from '../protocol/apis/heartbeat';
import { decodeJoinGroupRequest, encodeJoinGroupResponse } from '../protocol/apis/join-group';
import { decodeLeaveGroupRequest, encodeLeaveGroupResponse } from '../protocol/apis/leave-group';
import { encodeListGroupsResponse } from '../protocol/apis/list-groups';
import { decodeSyncGroupRequest, encodeSyncGroupResponse } from '../protocol/apis/sync-group';
import { ErrorCode } from '../protocol/error-codes';
import { RequestHandler } from './broker-context';

export const handleFindCoordinator: RequestHandler = async (
  _broker,
  body,
  { header, listener },
) => {
  decodeFindCoordinatorRequest(body, header.apiVersion);
  return encodeFindCoordinatorResponse(header.apiVersion, ErrorCode.NONE, listener);
};

export const handleJoinGroup: RequestHandler = async (broker, body, { header, clientHost }) => {
  const request = decodeJoinGroupRequest(body, header.apiVersion);
  if (request.groupId === '') {
    return encodeJoinGroupResponse(header.apiVersion, {
      errorCode: ErrorCode.INVALID_GROUP_ID,
      generationId: -1,
      protocolName: '',
      leaderId: '',
      memberId: request.memberId,
      members: [],
    });
  }
  const group = broker.groups.getOrCreate(request.groupId);
  const response = await group.join(request, { clientId: header.clientId ?? '', clientHost });
  return encodeJoinGroupResponse(header.apiVersion, response);
};

export const handleSyncGroup: RequestHandler = async (broker, body, { header }) => {
  const request = decodeSyncGroupRequest(body, header.apiVersion);
  const group = broker.groups.get(request.groupId);
  const result = group
    ? await group.sync(request.generationId, request.memberId, request.assignments)
    : { errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: Buffer.alloc(0) };
  return encodeSyncGroupResponse(header.apiVersion, result.errorCode, result.assignment);
};

export const handleHeartbeat: RequestHandler = async (broker, body, { header }) => {
  const request = decodeHeartbeatRequest(body, header.apiVersion);
  const group = broker.groups.get(request.groupId);
  const errorCode = group
    ? group.heartbeat(request.generationId, request.memberId)
    : ErrorCode.UNKNOWN_MEMBER_ID;
  return encodeErrorOnlyResponse(header.apiVersion, errorCode);
};

export const handleLeaveGroup: RequestHandler = async (broker, body, { header }) => {
  const request = decodeLeaveGroupRequest(body, header.apiVersion);
  const group = broker.groups.get(request.groupId);
  const members = request.memberIds.map((memberId) => ({
    memberId,
    errorCode: group ? group.leave(memberId) : ErrorCode.UNKNOWN_MEMBER_ID,
  }));
  // Before v3 the one member's error is the top-level error; from v3 errors are per member.
  const errorCode =
    header.apiVersion < 3 ? (members[0]?.errorCode ?? ErrorCode.NONE) : ErrorCode.NONE;
  return encodeLeaveGroupResponse(header.apiVersion, errorCode, members);
};

export const handleDescribeGroups: RequestHandler = async (broker, body, { header }) => {
  const { groupIds } = decodeDescribeGroupsRequest(body, header.apiVersion);
  const groups = groupIds.map((groupId) => {
    const group = broker.groups.get(groupId);
    if (group) return group.describe();
    const state = broker.offsets.entriesOf(groupId).length > 0 ? 'Empty' : 'Dead';
    return {
      errorCode: ErrorCode.NONE,
      groupId,
      state,
      protocolType: '',
      protocol: '',
      members: [],
    };
  });
  return encodeDescribeGroupsResponse(header.apiVersion, groups);
};

/** Live groups plus groups known only from committed offsets, as Kafka lists them. */
export const handleListGroups: RequestHandler = async (broker, _body, { header }) => {
  const groups = new Map<string, string>();
  for (const groupId of broker.offsets.groupIds()) groups.set(groupId, 'consumer');
  for (const group of broker.groups.all()) {
    if (group.memberCount > 0 || group.protocolType !== '')
      groups.set(group.groupId, group.protocolType);
  }
  return encodeListGroupsResponse(
    header.apiVersion,
    [...groups].map(([groupId, protocolType]) => ({ groupId, protocolType })),
  );
};
