export {
  fromCloudEventMessage,
  MalformedMessageError,
  toCloudEventMessage,
  UntrustedMessageError,
} from './cloud-event-headers';
export type {
  IncomingEvent,
  IncomingKafkaMessage,
  OutgoingKafkaMessage,
} from './cloud-event-headers';
export { EventRelay } from './event-relay';
export type { EventRelayOptions, RelayState } from './event-relay';
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
export { kafkaClientConfig } from './kafka-client-config';
export { KafkaModule, SERVICE_NAME } from './nest/kafka.module';
export { EventRelayModule, EventRelayRunner } from './nest/event-relay.module';
export { connectEventConsumer, EventConsumerModule } from './nest/event-consumer.module';
