import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';
import { noteGatewayProvider } from './note-gateway';
import { RecordNoteController } from './record-note/record-note.controller';

export const SERVICE = 'analytics';

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    KafkaModule.forService(SERVICE),
    EventRelayModule,
  ],
  controllers: [RecordNoteController],
  providers: [noteGatewayProvider],
})
export class AnalyticsModule {}
