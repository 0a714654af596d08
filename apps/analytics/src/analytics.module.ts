import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { AdverseImpactController } from './adverse-impact/adverse-impact.controller';
import { AdverseImpactProjection } from './adverse-impact/adverse-impact.projection';
import { DashboardController } from './dashboard/dashboard.controller';
import { SelfIdentificationController } from './self-identification/self-identification.controller';
import {
  SelfIdentificationService,
  selfIdentificationPoliciesProvider,
} from './self-identification/self-identification.service';

export const SERVICE = 'analytics';

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    KafkaModule.forService(SERVICE),
    EventRelayModule,
    ReadModelModule.forService(SERVICE),
  ],
  controllers: [DashboardController, SelfIdentificationController, AdverseImpactController],
  providers: [
    selfIdentificationPoliciesProvider,
    SelfIdentificationService,
    AdverseImpactProjection,
  ],
})
export class AnalyticsModule {}
