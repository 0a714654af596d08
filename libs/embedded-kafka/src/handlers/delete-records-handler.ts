import {
  decodeDeleteRecordsRequest,
  DeleteRecordsPartitionResult,
  encodeDeleteRecordsResponse,
} from '../protocol/apis/delete-records';
import { ErrorCode } from '../protocol/error-codes';
import { RequestHandler } from './broker-context';

/** Moves each partition's log start offset up (durably); -1 stands for the high watermark. */
export const handleDeleteRecords: RequestHandler = async (broker, body) => {
  const request = decodeDeleteRecordsRequest(body);
  const topics = request.topics.map(({ name, partitions }) => {
    const topic = broker.topics.get(name);
    return {
      name,
      partitions: partitions.map(({ partition, offset }): DeleteRecordsPartitionResult => {
        const log = topic?.partitions[partition];
        if (log === undefined)
          return { partition, lowWatermark: -1, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        return { partition, ...log.deleteRecordsBefore(offset) };
      }),
    };
  });
  return encodeDeleteRecordsResponse(topics);
};
