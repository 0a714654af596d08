import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventConsumerModule, EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { PersonalDataOpeningController, ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { ApproveErasureRequestController } from './approve-erasure-request/approve-erasure-request.controller';
import { candidateGatewayProvider } from './candidate-gateway';
import { ErasePersonalDataController } from './erase-personal-data/erase-personal-data.controller';
import { GetPersonalDataController } from './get-personal-data/get-personal-data.controller';
import { ListErasuresController } from './list-erasures/list-erasures.controller';
import { PersonalDataErasures } from './list-erasures/personal-data-erasures.projection';
import { ListRetentionDueController } from './list-retention-due/list-retention-due.controller';
import { PersonalDataEraser } from './personal-data/personal-data-eraser';
import { personalDataGatewayProvider } from './personal-data/personal-data-gateway';
import { RecordRetentionConsentController } from './record-retention-consent/record-retention-consent.controller';
import { RefuseErasureRequestController } from './refuse-erasure-request/refuse-erasure-request.controller';
import { RequestErasureController } from './request-erasure/request-erasure.controller';
import { retentionPoliciesProvider } from './retention/retention-policies.provider';
import { RetentionFiring, RetentionTimers } from './retention/retention.firing';
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
    RequestErasureController,
    ApproveErasureRequestController,
    RefuseErasureRequestController,
    ErasePersonalDataController,
    RecordRetentionConsentController,
    GetPersonalDataController,
    ListErasuresController,
    ListRetentionDueController,
    PersonalDataOpeningController,
    AssessmentEventsConsumer,
    OfferEventsConsumer,
    BackgroundCheckEventsConsumer,
  ],
  providers: [
    candidateGatewayProvider,
    hireGatewayProvider,
    offerStageGatewayProvider,
    personalDataGatewayProvider,
    PersonalDataEraser,
    retentionPoliciesProvider,
    RetentionTimers,
    RetentionFiring,
    CandidateListProjection,
    PersonalDataErasures,
  ],
})
export class CandidatesModule {}
