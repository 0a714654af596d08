import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { CandidateDiffController } from './candidate-diff/candidate-diff.controller';
import { CandidateStateController } from './candidate-state/candidate-state.controller';
import { CandidateStates } from './candidate-state/candidate-states';
import { CandidateStreams } from './candidate-stream/candidate-streams';
import { ServiceStates } from './service-states/service-states';
import { AUDIT_SERVICE } from './service-states/service-urls';
import { TimelineController } from './timeline/timeline.controller';

export const SERVICE = AUDIT_SERVICE;

/**
 * For auditors: every service's state at a point of a candidate's history,
 * the timeline, chain anchors and verifiable exports. It owns no events: it
 * reads the candidate streams and asks each service for its own fold.
 */
@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog, stateAtPoint: false }),
    KafkaModule.forService(SERVICE),
    ReadModelModule.forService(SERVICE),
  ],
  controllers: [CandidateStateController, CandidateDiffController, TimelineController],
  providers: [CandidateStreams, ServiceStates, CandidateStates],
})
export class AuditModule {}
