import {
  decodeListOffsetsRequest,
  EARLIEST_TIMESTAMP,
  encodeListOffsetsResponse,
  LATEST_TIMESTAMP,
  ListOffsetsPartitionResult,
} from '../protocol/apis/list-offsets';
import { READ_COMMITTED } from '../protocol/apis/fetch';
import { ErrorCode } from '../protocol/error-codes';
import { RequestHandler } from './broker-context';

export const handleListOffsets: RequestHandler = async (broker, body, { header }) => {
  const request = decodeListOffsetsRequest(body, header.apiVersion);
  const topics = await Promise.all(
    request.topics.map(async ({ topic: name, partitions }) => {
      const topic = broker.topics.get(name);
      const results = await Promise.all(
        partitions.map(
          async ({ partition, timestamp, maxNumOffsets }): Promise<ListOffsetsPartitionResult> => {
            const log = topic?.partitions[partition];
            if (log === undefined) {
              return {
                partition,
                errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                timestamp: -1,
                offset: -1,
                oldStyleOffsets: [],
              };
            }
            if (header.apiVersion === 0) {
              const oldStyleOffsets = log.segmentOffsetsBefore(
                timestamp,
                maxNumOffsets,
                Date.now(),
              );
              return {
                partition,
                errorCode: ErrorCode.NONE,
                timestamp: -1,
                offset: -1,
                oldStyleOffsets,
              };
            }
            const offset =
              timestamp === LATEST_TIMESTAMP
                ? request.isolationLevel === READ_COMMITTED
                  ? log.lastStableOffset
                  : log.highWatermark
                : timestamp === EARLIEST_TIMESTAMP
                  ? log.logStartOffset
                  : await log.offsetForTimestamp(timestamp);
            return {
              partition,
              errorCode: ErrorCode.NONE,
              timestamp: -1,
              offset,
              oldStyleOffsets: [],
            };
          },
        ),
      );
      return { topic: name, partitions: results };
    }),
  );
  return encodeListOffsetsResponse(header.apiVersion, topics);
};
