import { serviceEventsTopic } from '@hirestream/contracts';
import {
  consumedMessageOf,
  IdempotentEventConsumer,
  react,
  type IncomingEvent,
} from '@hirestream/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ASSESSMENT_ACTOR } from '../assessment-actor';
import { FeedbackRequester } from '../request-feedback/feedback-requester.handler';
import { feedbackDueReaction } from './feedback-due.reaction';

/** The consumer group, and the processed-events stream `processed-assessment`. */
export const CONSUMER_GROUP = 'assessment';

/** The scheduling service's events, turned into feedback requests and withdrawals. */
@Controller()
export class SchedulingEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    private readonly requester: FeedbackRequester,
  ) {}

  @EventPattern<string>(serviceEventsTopic('scheduling'))
  async onSchedulingEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      this.react(event),
    );
  }

  private react(event: IncomingEvent): Promise<void> {
    return react(feedbackDueReaction, event, ASSESSMENT_ACTOR, (command, context) =>
      this.requester.run(command, context, event.time),
    );
  }
}
