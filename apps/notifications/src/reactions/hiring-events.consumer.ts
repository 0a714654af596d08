import { serviceEventsTopic } from '@hirestream/contracts';
import { consumedMessageOf, IdempotentEventConsumer } from '@hirestream/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { CandidateNotifier } from '../notices/candidate-notifier';

/** The consumer group, and the processed-events stream `processed-notifications`. */
export const CONSUMER_GROUP = 'notifications';

/** Every service's hiring events: each outcome the candidate is told is recorded in the outbox. */
@Controller()
export class HiringEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    private readonly notifier: CandidateNotifier,
  ) {}

  @EventPattern<string>(serviceEventsTopic('candidates'))
  onCandidateEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.tell(context);
  }

  @EventPattern<string>(serviceEventsTopic('scheduling'))
  onSchedulingEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.tell(context);
  }

  @EventPattern<string>(serviceEventsTopic('assessment'))
  onAssessmentEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.tell(context);
  }

  @EventPattern<string>(serviceEventsTopic('background-checks'))
  onBackgroundCheckEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.tell(context);
  }

  @EventPattern<string>(serviceEventsTopic('offers'))
  onOfferEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.tell(context);
  }

  private async tell(context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      this.notifier.tell(event).then(() => undefined),
    );
  }
}
