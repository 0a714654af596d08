import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';

export const SERVICE = 'scheduling';

@Module({
  imports: [EventStoreModule, KafkaModule.forService(SERVICE), EventRelayModule],
})
export class SchedulingModule {}
