import { serviceEventsTopic } from '@hirestream/contracts';
import {
  consumedMessageOf,
  IdempotentEventConsumer,
  react,
  type IncomingEvent,
} from '@hirestream/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { CalendarHoldRunner } from '../calendar-hold/calendar-hold.runner';
import { SCHEDULING_ACTOR } from '../scheduling-actor';
import { candidateClosedReaction } from './candidate-closed.reaction';

/** The consumer group, and the processed-events stream `processed-scheduling`. */
export const CONSUMER_GROUP = 'scheduling';

/** The candidates service's events, turned into interview commands by the reactions. */
@Controller()
export class CandidateEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    private readonly calendarHold: CalendarHoldRunner,
  ) {}

  @EventPattern<string>(serviceEventsTopic('candidates'))
  async onCandidateEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      this.react(event),
    );
  }

  private react(event: IncomingEvent): Promise<void> {
    return react(candidateClosedReaction, event, SCHEDULING_ACTOR, (command, context) =>
      this.calendarHold.run(command, context),
    );
  }
}
