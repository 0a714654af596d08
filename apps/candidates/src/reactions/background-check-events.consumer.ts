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
import { checkHireReaction } from './hire.reaction';

/**
 * The background-checks service's events (group `candidates`), one handler
 * for the topic running each reaction in turn: a check that clears may
 * complete the hire.
 */
@Controller()
export class BackgroundCheckEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    @Inject(HIRES) private readonly hires: HireGateway,
  ) {}

  @EventPattern<string>(serviceEventsTopic('background-checks'))
  async onBackgroundCheckEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      this.react(event),
    );
  }

  private async react(event: IncomingEvent): Promise<void> {
    await react(checkHireReaction, event, CANDIDATES_ACTOR, (command, context) =>
      this.hires.handle(command, context),
    );
  }
}
