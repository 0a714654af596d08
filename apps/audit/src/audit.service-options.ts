import type { ServiceOptions } from '@hirestream/platform';
import { AuditConfig } from './audit.config';
import { AuditModule, SERVICE } from './audit.module';
import { ServicesUnansweredError } from './service-states/service-states';

/** How the audit service is started, by `main.ts` and by the tests alike. */
export const auditServiceOptions: ServiceOptions<AuditConfig> = {
  serviceName: SERVICE,
  module: AuditModule,
  port: 3007,
  config: AuditConfig,
  problemMappings: [
    {
      error: ServicesUnansweredError,
      status: 502,
      title: 'A service did not answer with its state (the detail names each one and why)',
    },
  ],
};
