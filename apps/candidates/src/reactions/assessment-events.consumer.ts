import { serviceEventsTopic } from '@hirestream/contracts';
import type { CommandContext } from '@hirestream/event-sourcing';
import {
  consumedMessageOf,
  IdempotentEventConsumer,
  react,
  type IncomingEvent,
} from '@hirestream/messaging';
import { JsonLogger } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { CANDIDATES, type CandidateGateway } from '../candidate-gateway';
import { CANDIDATES_ACTOR } from '../candidates-actor';
import type { CandidateCommand } from '../domain/candidate.commands';
import { isSettledRefusal, panelDecisionReaction } from './panel-decision.reaction';

/** The consumer group, and the processed-events stream `processed-candidates`. */
export const CONSUMER_GROUP = 'candidates';

/** The assessment service's events, turned into candidacy commands by the reactions. */
@Controller()
export class AssessmentEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    @Inject(CANDIDATES) private readonly candidates: CandidateGateway,
    private readonly logger: JsonLogger,
  ) {}

  @EventPattern<string>(serviceEventsTopic('assessment'))
  async onAssessmentEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      this.react(event),
    );
  }

  private react(event: IncomingEvent): Promise<void> {
    return react(panelDecisionReaction, event, CANDIDATES_ACTOR, (command, context) =>
      this.carryOut(command, context, event),
    );
  }

  private async carryOut(
    command: CandidateCommand,
    context: CommandContext,
    event: IncomingEvent,
  ): Promise<void> {
    try {
      await this.candidates.handle(command, context);
    } catch (error) {
      if (!isSettledRefusal(error)) throw error;
      this.logger.pino.info(
        { context: panelDecisionReaction.name, eventId: event.id, rule: error.rule },
        `${event.type} needs nothing more: ${error.message}`,
      );
    }
  }
}
