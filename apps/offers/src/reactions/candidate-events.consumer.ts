import { serviceEventsTopic } from '@hirestream/contracts';
import {
  consumedMessageOf,
  IdempotentEventConsumer,
  react,
  type IncomingEvent,
} from '@hirestream/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { OFFERS_ACTOR } from '../offers-actor';
import { OFFERS, type OfferGateway } from '../offers/offer-gateway';
import { candidacyClosedReaction } from './candidacy-closed.reaction';

/** The consumer group, and the processed-events stream `processed-offers`. */
export const CONSUMER_GROUP = 'offers';

/** The candidates service's events: a closed candidacy's open offer is withdrawn. */
@Controller()
export class CandidateEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    @Inject(OFFERS) private readonly offers: OfferGateway,
  ) {}

  @EventPattern<string>(serviceEventsTopic('candidates'))
  async onCandidateEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      this.react(event),
    );
  }

  private react(event: IncomingEvent): Promise<void> {
    return react(candidacyClosedReaction, event, OFFERS_ACTOR, (command, context) =>
      this.offers.handle(command, context),
    );
  }
}
