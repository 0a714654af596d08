import type { ServiceOptions } from '@hirestream/platform';
import { AnalyticsModule, SERVICE } from './analytics.module';

/** How the analytics service is started, by `main.ts` and by the tests alike. */
export const analyticsServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: AnalyticsModule,
  port: 3008,
};
