import type { KafkaContext } from '@nestjs/microservices';
import type { ConsumedMessage } from './idempotent-event-consumer';

/** The message of a Nest Kafka handler's context, in the shape the consumer reads. */
export function consumedMessageOf(context: KafkaContext): ConsumedMessage {
  const message = context.getMessage();
  return {
    topic: context.getTopic(),
    partition: context.getPartition(),
    offset: message.offset,
    key: message.key,
    headers: message.headers ?? {},
    value: message.value,
  };
}
