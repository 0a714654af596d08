import {
  decodeFetchRequest,
  encodeFetchResponse,
  FetchRequest,
  FetchTopicResult,
  READ_COMMITTED,
} from '../protocol/apis/fetch';
import { ErrorCode } from '../protocol/error-codes';
import { PartitionLog, ReadResult } from '../storage/partition-log';
import { BrokerContext, RequestHandler } from './broker-context';

interface FetchRound {
  readonly topics: FetchTopicResult[];
  readonly bytes: number;
  readonly hasError: boolean;
  /** Partitions read, with the high watermark seen, to notice data arriving while reading. */
  readonly watched: { log: PartitionLog; highWatermark: number }[];
}

const EMPTY: ReadResult = { errorCode: ErrorCode.NONE, records: [] };

/** A partition whose topic is deleted while being read answers as unknown rather than failing the fetch. */
async function readPartition(
  log: PartitionLog,
  offset: number,
  maxBytes: number,
  endOffset: number,
): Promise<ReadResult> {
  try {
    return await log.read(offset, Math.max(maxBytes, 1), endOffset);
  } catch {
    return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, records: [] };
  }
}

async function readOnce(broker: BrokerContext, request: FetchRequest): Promise<FetchRound> {
  let budget = request.maxBytes;
  let bytes = 0;
  let hasError = false;
  const watched: FetchRound['watched'] = [];
  const topics: FetchTopicResult[] = [];
  const readCommitted = request.isolationLevel === READ_COMMITTED;
  for (const topicRequest of request.topics) {
    const topic = broker.topics.get(topicRequest.topic);
    const partitions = [];
    for (const { partition, fetchOffset, partitionMaxBytes } of topicRequest.partitions) {
      const log = topic?.partitions[partition];
      if (log === undefined) {
        hasError = true;
        partitions.push({
          partition,
          errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          highWatermark: -1,
          lastStableOffset: -1,
          logStartOffset: -1,
          abortedTransactions: null,
          records: [],
        });
        continue;
      }
      const highWatermark = log.highWatermark;
      const lastStableOffset = log.lastStableOffset;
      watched.push({ log, highWatermark });
      // read_committed consumers stop at the last stable offset and drop the aborted transactions listed.
      const endOffset = readCommitted ? lastStableOffset : highWatermark;
      const result =
        budget > 0
          ? await readPartition(log, fetchOffset, Math.min(partitionMaxBytes, budget), endOffset)
          : EMPTY;
      const size = result.records.reduce((sum, records) => sum + records.length, 0);
      if (result.errorCode !== ErrorCode.NONE) hasError = true;
      bytes += size;
      budget -= size;
      partitions.push({
        partition,
        errorCode: result.errorCode,
        highWatermark,
        lastStableOffset,
        logStartOffset: log.logStartOffset,
        abortedTransactions: readCommitted ? log.abortedTransactions(fetchOffset, endOffset) : null,
        records: result.records,
      });
    }
    topics.push({ topic: topicRequest.topic, partitions });
  }
  return { topics, bytes, hasError, watched };
}

/** Resolves when any watched partition's high watermark moves, at the deadline, or when the connection closes. */
function waitForData(
  watched: FetchRound['watched'],
  waitMs: number,
  connectionClosed: AbortSignal,
): Promise<void> {
  if (watched.some(({ log, highWatermark }) => log.highWatermark !== highWatermark))
    return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribers = watched.map(({ log }) => log.onHighWatermark(done));
    const timer = setTimeout(done, waitMs);
    connectionClosed.addEventListener('abort', done);
    function done(): void {
      clearTimeout(timer);
      for (const unsubscribe of unsubscribers) unsubscribe();
      connectionClosed.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Long polling: answers as soon as `minBytes` are available, a partition has an
 * error, or `maxWait` has passed. `maxBytes` bounds the answer, but the first
 * batch is always returned whole so that a consumer never gets stuck.
 */
export const handleFetch: RequestHandler = async (broker, body, { header, connectionClosed }) => {
  const request = decodeFetchRequest(body, header.apiVersion);
  const deadline = Date.now() + Math.max(request.maxWaitMs, 0);
  for (;;) {
    const round = await readOnce(broker, request);
    const remaining = deadline - Date.now();
    if (
      round.bytes >= request.minBytes ||
      round.hasError ||
      remaining <= 0 ||
      connectionClosed.aborted
    ) {
      return encodeFetchResponse(header.apiVersion, round.topics);
    }
    await waitForData(round.watched, remaining, connectionClosed);
  }
};
