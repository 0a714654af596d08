import type { EventContract } from './event-contract';

/*
 * Naming conventions, decided once for every service:
 * - event types are past-tense PascalCase facts, unique across services (`CandidateRegistered`);
 * - each candidacy has one stream, `candidate-<candidateId>`, shared by every service;
 * - each service publishes its own events to the Kafka topic `hirestream.<service>.events`,
 *   with the CloudEvents type `hirestream.<service>.<EventType>.v<schemaVersion>`.
 */
/** Every candidate stream's name starts with it; subscribe by it to read every candidacy. */
export const CANDIDATE_STREAM_PREFIX = 'candidate-';

export function candidateStreamName(candidateId: string): string {
  return `${CANDIDATE_STREAM_PREFIX}${candidateId}`;
}

/** The candidate id of a `candidate-<id>` stream, or undefined for any other stream. */
export function candidateIdOfStream(streamName: string): string | undefined {
  return streamName.startsWith(CANDIDATE_STREAM_PREFIX)
    ? streamName.slice(CANDIDATE_STREAM_PREFIX.length)
    : undefined;
}

export function serviceEventsTopic(service: string): string {
  return `hirestream.${service}.events`;
}

export function deadLetterTopic(topic: string, consumerGroup: string): string {
  return `${topic}.${consumerGroup}.dead-letter`;
}

export function cloudEventType(
  contract: Pick<EventContract, 'owner' | 'type' | 'schemaVersion'>,
): string {
  return `hirestream.${contract.owner}.${contract.type}.v${contract.schemaVersion}`;
}

export function cloudEventSource(service: string): string {
  return `/hirestream/${service}`;
}
