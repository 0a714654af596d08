import { serviceEventsTopic } from '@hirestream/contracts';
import { consumedMessageOf, IdempotentEventConsumer, react } from '@hirestream/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ASSESSMENT_ACTOR } from '../assessment-actor';
import { FEEDBACK, type FeedbackGateway } from '../feedback/feedback-gateway';
import { candidacyClosedReaction } from './candidacy-closed.reaction';

/** The candidates service's events (group `assessment`): a closed candidacy's requests withdrawn. */
@Controller()
export class CandidateEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    @Inject(FEEDBACK) private readonly feedback: FeedbackGateway,
  ) {}

  @EventPattern<string>(serviceEventsTopic('candidates'))
  async onCandidateEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      react(candidacyClosedReaction, event, ASSESSMENT_ACTOR, (command, commandContext) =>
        this.feedback.handle(command, commandContext),
      ),
    );
  }
}
