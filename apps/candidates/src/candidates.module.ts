import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventConsumerModule, EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { candidateGatewayProvider } from './candidate-gateway';
import { GetCandidateHistoryController } from './get-candidate-history/get-candidate-history.controller';
import { GetCandidateController } from './get-candidate/get-candidate.controller';
import { CandidateListProjection } from './list-candidates/candidate-list.projection';
import { ListCandidatesController } from './list-candidates/list-candidates.controller';
import { MoveCandidateStageController } from './move-candidate-stage/move-candidate-stage.controller';
import { AssessmentEventsConsumer, CONSUMER_GROUP } from './reactions/assessment-events.consumer';
import { BackgroundCheckEventsConsumer } from './reactions/background-check-events.consumer';
import { OfferEventsConsumer } from './reactions/offer-events.consumer';
import { hireGatewayProvider } from './hire/hire-gateway';
import { offerStageGatewayProvider } from './offer-stage/offer-stage-gateway';
import { RecordScreeningController } from './record-screening/record-screening.controller';
import { RegisterCandidateController } from './register-candidate/register-candidate.controller';
import { RejectCandidateController } from './reject-candidate/reject-candidate.controller';
import { WithdrawCandidateController } from './withdraw-candidate/withdraw-candidate.controller';

export const SERVICE = 'candidates';

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    KafkaModule.forService(SERVICE),
    EventRelayModule,
    EventConsumerModule.forGroup(CONSUMER_GROUP),
    ReadModelModule.forService(SERVICE),
  ],
  controllers: [
    RegisterCandidateController,
    RecordScreeningController,
    MoveCandidateStageController,
    RejectCandidateController,
    WithdrawCandidateController,
    GetCandidateController,
    GetCandidateHistoryController,
    ListCandidatesController,
    AssessmentEventsConsumer,
    OfferEventsConsumer,
    BackgroundCheckEventsConsumer,
  ],
  providers: [
    candidateGatewayProvider,
    hireGatewayProvider,
    offerStageGatewayProvider,
    CandidateListProjection,
  ],
})
export class CandidatesModule {}
