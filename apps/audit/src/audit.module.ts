import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { AnchorPublisher } from './anchors/anchor-publisher';
import { AnchorStore } from './anchors/anchor-store';
import { Anchoring } from './anchors/anchoring';
import { AnchorsController } from './anchors/anchors.controller';
import { ChainHeadsProjection } from './anchors/chain-heads.projection';
import { SigningKey, signingKeyOf } from './anchors/signing-key';
import { AuditConfig } from './audit.config';
import { CandidateDiffController } from './candidate-diff/candidate-diff.controller';
import { CandidateStateController } from './candidate-state/candidate-state.controller';
import { CandidateStates } from './candidate-state/candidate-states';
import { CandidateStreams } from './candidate-stream/candidate-streams';
import { ConsoleController } from './console/console.controller';
import { ExportController } from './export/export.controller';
import { ServiceStates } from './service-states/service-states';
import { AUDIT_SERVICE } from './service-states/service-urls';
import { TimelineController } from './timeline/timeline.controller';
import { StreamVerificationController } from './verification/stream-verification.controller';

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
  controllers: [
    CandidateStateController,
    CandidateDiffController,
    TimelineController,
    AnchorsController,
    ExportController,
    StreamVerificationController,
    ConsoleController,
  ],
  providers: [
    CandidateStreams,
    ServiceStates,
    CandidateStates,
    { provide: SigningKey, useFactory: signingKeyOf, inject: [AuditConfig] },
    ChainHeadsProjection,
    AnchorStore,
    AnchorPublisher,
    Anchoring,
  ],
})
export class AuditModule {}
