import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard/dashboard.controller';

export const SERVICE = 'analytics';

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    KafkaModule.forService(SERVICE),
    EventRelayModule,
    ReadModelModule.forService(SERVICE),
  ],
  controllers: [DashboardController],
  providers: [],
})
export class AnalyticsModule {}
