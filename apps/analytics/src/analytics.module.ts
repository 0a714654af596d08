import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { HiringFactsProjection } from './hiring-facts/hiring-facts.projection';
import { JobDepartments } from './job-departments/job-departments';
import { ProcessMeasures } from './process-measures/process-measures';
import { ProcessMeasuresController } from './process-measures/process-measures.controller';
import { AdverseImpactController } from './adverse-impact/adverse-impact.controller';
import { AdverseImpactProjection } from './adverse-impact/adverse-impact.projection';
import { SelfIdentificationController } from './self-identification/self-identification.controller';
import {
  SelfIdentificationService,
  selfIdentificationPoliciesProvider,
} from './self-identification/self-identification.service';
import { DashboardController } from './dashboard/dashboard.controller';

export const SERVICE = 'analytics';

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog, stateAtPoint: false }),
    KafkaModule.forService(SERVICE),
    EventRelayModule,
    ReadModelModule.forService(SERVICE),
  ],
  controllers: [
    ProcessMeasuresController,
    DashboardController,
    SelfIdentificationController,
    AdverseImpactController,
  ],
  providers: [
    HiringFactsProjection,
    JobDepartments,
    ProcessMeasures,
    selfIdentificationPoliciesProvider,
    SelfIdentificationService,
    AdverseImpactProjection,
  ],
})
export class AnalyticsModule {}
