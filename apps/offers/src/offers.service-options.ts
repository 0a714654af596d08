import type { ServiceOptions } from '@hirestream/platform';
import { OffersModule, SERVICE } from './offers.module';

/** How the offers service is started, by `main.ts` and by the tests alike. */
export const offersServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: OffersModule,
  port: 3005,
};
