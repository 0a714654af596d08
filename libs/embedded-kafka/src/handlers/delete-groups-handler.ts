import {
  decodeDeleteGroupsRequest,
  encodeDeleteGroupsResponse,
} from '../protocol/apis/delete-groups';
import { ErrorCode } from '../protocol/error-codes';
import { RequestHandler } from './broker-context';

/**
 * Deletes groups without members, with their committed offsets (durably), as
 * Kafka does; a group with members is NON_EMPTY_GROUP, an unknown one
 * GROUP_ID_NOT_FOUND.
 */
export const handleDeleteGroups: RequestHandler = async (broker, body) => {
  const { groupIds } = decodeDeleteGroupsRequest(body);
  const results = await Promise.all(
    [...new Set(groupIds)].map(async (groupId) => {
      if (groupId === '') return { groupId, errorCode: ErrorCode.INVALID_GROUP_ID };
      const group = broker.groups.get(groupId);
      const hasOffsets = broker.offsets.entriesOf(groupId).length > 0;
      if (group === undefined && !hasOffsets)
        return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND };
      if (group !== undefined && group.state !== 'Empty')
        return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP };
      broker.groups.delete(groupId);
      await broker.offsets.deleteGroup(groupId);
      return { groupId, errorCode: ErrorCode.NONE };
    }),
  );
  return encodeDeleteGroupsResponse(results);
};
