import { serviceEventsTopic } from '@hirestream/contracts';
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
import { HIRES, type HireGateway } from '../hire/hire-gateway';
import { OFFER_STAGE, type OfferStageGateway } from '../offer-stage/offer-stage-gateway';
import { adverseActionReaction } from './adverse-action.reaction';
import { clearCheckReaction } from './clear-check.reaction';
import { checkHireReaction } from './hire.reaction';
import { isSettledRefusal } from './panel-decision.reaction';

/**
 * The background-checks service's events (group `candidates`), one handler
 * for the topic running each reaction in turn: a check that clears moves a
 * candidate waiting in the background-check stage to the offer stage, and may
 * complete the hire; a final adverse action rejects the candidate.
 */
@Controller()
export class BackgroundCheckEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    @Inject(OFFER_STAGE) private readonly offerStage: OfferStageGateway,
    @Inject(HIRES) private readonly hires: HireGateway,
    @Inject(CANDIDATES) private readonly candidates: CandidateGateway,
    private readonly logger: JsonLogger,
  ) {}

  @EventPattern<string>(serviceEventsTopic('background-checks'))
  async onBackgroundCheckEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      this.react(event),
    );
  }

  private async react(event: IncomingEvent): Promise<void> {
    await react(clearCheckReaction, event, CANDIDATES_ACTOR, (command, context) =>
      this.offerStage.handle(command, context),
    );
    await react(checkHireReaction, event, CANDIDATES_ACTOR, (command, context) =>
      this.hires.handle(command, context),
    );
    await react(adverseActionReaction, event, CANDIDATES_ACTOR, async (command, context) => {
      try {
        await this.candidates.handle(command, context);
      } catch (error) {
        // A redelivered rejection, or a candidate who withdrew meanwhile: nothing more to do.
        if (!isSettledRefusal(error)) throw error;
        this.logger.pino.info(
          { context: adverseActionReaction.name, eventId: event.id, rule: error.rule },
          `${event.type} needs nothing more: ${error.message}`,
        );
      }
    });
  }
}
