export type { Command, Event } from './core/event';
export type { Actor, ActorRole, EventMetadata } from './core/event-metadata';
export { ACTOR_ROLES } from './core/event-metadata';
export type { EventContract, Upcaster } from './core/event-contract';
export type { JsonSchema } from './core/json-schema';
export { EventCatalog, UnknownEventVersionError } from './core/event-catalog';
export {
  CANDIDATE_STREAM_PREFIX,
  candidateIdOfStream,
  candidateStreamName,
  cloudEventSource,
  cloudEventType,
  deadLetterTopic,
  serviceEventsTopic,
} from './core/naming';
export { hirestreamEventCatalog } from './event-catalog';

export * from './candidates/candidate-stage';
export type * from './candidates/candidate-events';
export * from './candidates/candidate-contracts';
export { asyncApiDocument } from './core/asyncapi-document';

export * from './scheduling/interview-vocabulary';
export type * from './scheduling/scheduling-events';
export * from './scheduling/scheduling-contracts';
export * from './scheduling/interviewer-calendar-stream';
