import { connectEventConsumer } from '@hirestream/messaging';
import type { ServiceOptions } from '@hirestream/platform';
import { OfferLetterErasedError } from './offer-letter/offer-letter.port';
import { OffersConfig } from './offers.config';
import { OffersModule, SERVICE } from './offers.module';
import { CONSUMER_GROUP } from './reactions/candidate-events.consumer';

/** How the offers service is started, by `main.ts` and by the tests alike. */
export const offersServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: OffersModule,
  port: 3005,
  config: OffersConfig,
  problemMappings: [
    {
      error: OfferLetterErasedError,
      status: 410,
      title: "The letter was erased with the candidate's personal data",
    },
  ],
  // A rejected or withdrawn candidate's open offer is withdrawn.
  connectMicroservices: (app) => connectEventConsumer(app, SERVICE, CONSUMER_GROUP),
};
