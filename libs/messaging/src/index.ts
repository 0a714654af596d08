export {
  fromCloudEventMessage,
  MalformedMessageError,
  toCloudEventMessage,
} from './cloud-event-headers';
export type { IncomingEvent, OutgoingKafkaMessage } from './cloud-event-headers';
export { EventRelay } from './event-relay';
export type { EventRelayOptions } from './event-relay';
export { IdempotentEventConsumer } from './idempotent-event-consumer';
export type {
  ConsumedMessage,
  ConsumeOutcome,
  ConsumerLogger,
  IdempotentEventConsumerOptions,
} from './idempotent-event-consumer';
export { consumedMessageOf } from './kafka-context-message';
export { react, type Reaction } from './reaction';
export { ProcessedEventLog } from './processed-event-log';
export { KafkaModule, SERVICE_NAME } from './nest/kafka.module';
export { EventRelayModule, EventRelayRunner } from './nest/event-relay.module';
export { connectEventConsumer, EventConsumerModule } from './nest/event-consumer.module';
