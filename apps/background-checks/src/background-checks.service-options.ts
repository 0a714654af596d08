import type { ServiceOptions } from '@hirestream/platform';
import { BackgroundChecksConfig } from './background-checks.config';
import { BackgroundChecksModule, SERVICE } from './background-checks.module';

/** How the background-checks service is started, by `main.ts` and by the tests alike. */
export const backgroundChecksServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: BackgroundChecksModule,
  port: 3004,
  config: BackgroundChecksConfig,
};
