import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { KafkaModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';

export const SERVICE = 'audit';

/**
 * For auditors: every service's state at a point of a candidate's history,
 * the timeline, chain anchors and verifiable exports. It owns no events: it
 * reads the candidate streams and asks each service for its own fold.
 */
@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog, stateAtPoint: false }),
    KafkaModule.forService(SERVICE),
  ],
})
export class AuditModule {}
