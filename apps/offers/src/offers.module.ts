import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';

export const SERVICE = 'offers';

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    KafkaModule.forService(SERVICE),
    EventRelayModule,
  ],
})
export class OffersModule {}
