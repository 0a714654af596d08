import { EventConsumerModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';
import { backgroundCheckGatewayProvider } from './background-check-gateway';
import { CONSUMER_GROUP } from './consumer-group';
import { CheckOrders } from './order-process/check-orders.handler';
import { OwnEventsConsumer } from './order-process/own-events.consumer';
import { HttpScreeningProvider } from './provider/http-screening-provider';
import { SCREENING_PROVIDER } from './provider/screening-provider.port';
import { ScreeningSignatureGuard } from './screening-webhook/screening-signature.guard';
import { ScreeningWebhookController } from './screening-webhook/screening-webhook.controller';

/**
 * The screening provider: its HTTP adapter, the order process (a reaction to
 * the service's own consent and cancellation events) and the signed webhook
 * its results arrive through.
 */
@Module({
  imports: [EventConsumerModule.forGroup(CONSUMER_GROUP)],
  controllers: [ScreeningWebhookController, OwnEventsConsumer],
  providers: [
    backgroundCheckGatewayProvider,
    { provide: SCREENING_PROVIDER, useClass: HttpScreeningProvider },
    CheckOrders,
    ScreeningSignatureGuard,
  ],
  exports: [SCREENING_PROVIDER],
})
export class ScreeningProviderModule {}
