import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { AssignmentsModule } from './assignments.module';
import { FeedbackModule } from './feedback.module';
import { InterviewGuidesModule } from './interview-guides.module';
import { PanelDecisionsModule } from './panel-decisions.module';

export const SERVICE = 'assessment';

/** The service: kits and rubrics, feedback, take-home assessments and panel decisions, each a module. */
@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    KafkaModule.forService(SERVICE),
    EventRelayModule,
    ReadModelModule.forService(SERVICE),
    InterviewGuidesModule,
    FeedbackModule,
    AssignmentsModule,
    PanelDecisionsModule,
  ],
})
export class AssessmentModule {}
