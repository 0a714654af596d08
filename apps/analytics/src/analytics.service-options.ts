import type { ServiceOptions } from '@hirestream/platform';
import { AnalyticsConfig } from './analytics.config';
import { AnalyticsModule, SERVICE } from './analytics.module';

/** How the analytics service is started, by `main.ts` and by the tests alike. */
export const analyticsServiceOptions: ServiceOptions<AnalyticsConfig> = {
  serviceName: SERVICE,
  module: AnalyticsModule,
  port: 3008,
  config: AnalyticsConfig,
};
