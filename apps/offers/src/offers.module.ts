import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventConsumerModule, EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { CandidateAnswerController } from './candidate-answer/candidate-answer.controller';
import { DraftOfferController } from './draft-offer/draft-offer.controller';
import { ExtendOfferController } from './extend-offer/extend-offer.controller';
import { OfferApprovalController } from './offer-approval/offer-approval.controller';
import { OfferExpiryFiring, OfferExpiryTimers } from './offer-expiry/offer-expiry.firing';
import { offerLettersProvider } from './offer-letter/stored-offer-letters';
import { offerGatewayProvider } from './offers/offer-gateway';
import { letterTemplatesProvider, offerPoliciesProvider } from './policies/offer-policies.provider';
import { CandidateEventsConsumer, CONSUMER_GROUP } from './reactions/candidate-events.consumer';
import { ReadOfferLetterController } from './read-offer-letter/read-offer-letter.controller';
import { ReadOffersController } from './read-offers/read-offers.controller';
import { RescindOfferController } from './rescind-offer/rescind-offer.controller';

export const SERVICE = 'offers';

/** Offers on the candidate's stream: versions, approval, the letter, the answer, expiry. */
@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    KafkaModule.forService(SERVICE),
    EventRelayModule,
    EventConsumerModule.forGroup(CONSUMER_GROUP),
    ReadModelModule.forService(SERVICE),
  ],
  controllers: [
    DraftOfferController,
    OfferApprovalController,
    ExtendOfferController,
    CandidateAnswerController,
    RescindOfferController,
    ReadOffersController,
    ReadOfferLetterController,
    CandidateEventsConsumer,
  ],
  providers: [
    offerGatewayProvider,
    offerPoliciesProvider,
    letterTemplatesProvider,
    offerLettersProvider,
    OfferExpiryTimers,
    OfferExpiryFiring,
  ],
})
export class OffersModule {}
