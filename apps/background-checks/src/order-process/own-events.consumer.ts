import { serviceEventsTopic } from '@hirestream/contracts';
import { consumedMessageOf, IdempotentEventConsumer } from '@hirestream/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { CheckOrders } from './check-orders.handler';

/** The service's own events, read back from its topic for the order process. */
@Controller()
export class OwnEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    private readonly orders: CheckOrders,
  ) {}

  @EventPattern<string>(serviceEventsTopic('background-checks'))
  async onOwnEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      this.orders.cancelAfter(event),
    );
  }
}
