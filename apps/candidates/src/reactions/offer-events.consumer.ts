import { serviceEventsTopic } from '@hirestream/contracts';
import {
  consumedMessageOf,
  IdempotentEventConsumer,
  react,
  type IncomingEvent,
} from '@hirestream/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { CANDIDATES_ACTOR } from '../candidates-actor';
import { HIRES, type HireGateway } from '../hire/hire-gateway';
import { offerHireReaction } from './hire.reaction';

/** The offers service's events (group `candidates`): an acceptance may complete the hire. */
@Controller()
export class OfferEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    @Inject(HIRES) private readonly hires: HireGateway,
  ) {}

  @EventPattern<string>(serviceEventsTopic('offers'))
  async onOfferEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      this.react(event),
    );
  }

  private react(event: IncomingEvent): Promise<void> {
    return react(offerHireReaction, event, CANDIDATES_ACTOR, (command, context) =>
      this.hires.handle(command, context),
    );
  }
}
