import { ResolvedBrokerOptions } from '../broker-options';
import { GroupCoordinator } from '../groups/group-coordinator';
import { ByteReader } from '../protocol/byte-reader';
import { BrokerEndpoint } from '../protocol/apis/metadata';
import { ErrorCode } from '../protocol/error-codes';
import { RequestHeader } from '../protocol/request-header';
import { OffsetStore } from '../storage/offset-store';
import { ProducerIdAllocator } from '../storage/producer-id-allocator';
import { isValidTopicName, Topic, TopicStore } from '../storage/topic-store';
import { TransactionCoordinator } from '../transactions/transaction-coordinator';

/** What request handlers share: the broker's stores and identity. */
export interface BrokerContext {
  readonly options: ResolvedBrokerOptions;
  readonly endpoint: BrokerEndpoint;
  readonly clusterId: string;
  readonly topics: TopicStore;
  readonly offsets: OffsetStore;
  readonly groups: GroupCoordinator;
  readonly producerIds: ProducerIdAllocator;
  readonly transactions: TransactionCoordinator;
}

export interface RequestContext {
  readonly header: RequestHeader;
  readonly clientHost: string;
  /** The listener the request came in on: Metadata and FindCoordinator send the client back to it. */
  readonly listener: BrokerEndpoint;
  /** Aborted when the request's connection closes (the broker closes them all on shutdown), ending its long poll. */
  readonly connectionClosed: AbortSignal;
}

/** A response body, whole or as pieces to be written in order. */
export type ResponseBody = Buffer | readonly Buffer[];

/** Answers one request; undefined means no response is sent (Produce with acks=0). */
export type RequestHandler = (
  broker: BrokerContext,
  body: ByteReader,
  request: RequestContext,
) => Promise<ResponseBody | undefined>;

export type TopicLookup = { readonly topic: Topic } | { readonly errorCode: number };

/** Finds a topic, creating it when allowed and auto-creation is on. */
export function findOrCreateTopic(
  broker: BrokerContext,
  name: string,
  allowCreate: boolean,
): TopicLookup {
  const topic = broker.topics.get(name);
  if (topic) return { topic };
  if (!isValidTopicName(name)) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION };
  if (!allowCreate || !broker.options.autoCreateTopics)
    return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
  return { topic: broker.topics.create(name, broker.options.defaultPartitions) };
}
