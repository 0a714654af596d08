import { EventConsumerModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';
import { ChecksModule } from './checks.module';
import { CONSUMER_GROUP } from './consumer-group';
import { CheckOrders } from './order-process/check-orders.handler';
import { OwnEventsConsumer } from './order-process/own-events.consumer';
import { HttpScreeningProvider } from './provider/http-screening-provider';
import { SCREENING_PROVIDER } from './provider/screening-provider.port';
import { ScreeningSignatureGuard } from './screening-webhook/screening-signature.guard';
import { ScreeningWebhookController } from './screening-webhook/screening-webhook.controller';

/**
 * The screening provider: its HTTP adapter, the order process (placing a
 * consented check's order when its timer fires; cancelling after the
 * service's own withdrawal and cancellation events) and the signed webhook its
 * results arrive through.
 */
@Module({
  imports: [EventConsumerModule.forGroup(CONSUMER_GROUP), ChecksModule],
  controllers: [ScreeningWebhookController, OwnEventsConsumer],
  providers: [
    { provide: SCREENING_PROVIDER, useClass: HttpScreeningProvider },
    CheckOrders,
    ScreeningSignatureGuard,
  ],
  exports: [SCREENING_PROVIDER, CheckOrders],
})
export class ScreeningProviderModule {}
