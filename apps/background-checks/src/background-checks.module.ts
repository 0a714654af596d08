import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { CheckTimersModule } from './check-timers.module';
import { ChecksModule } from './checks.module';
import { ScreeningProviderModule } from './screening-provider.module';

export const SERVICE = 'background-checks';

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    KafkaModule.forService(SERVICE),
    EventRelayModule,
    ReadModelModule.forService(SERVICE),
    ChecksModule,
    ScreeningProviderModule,
    CheckTimersModule,
  ],
})
export class BackgroundChecksModule {}
