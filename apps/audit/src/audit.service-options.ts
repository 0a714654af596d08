import type { ServiceOptions } from '@hirestream/platform';
import { AuditModule, SERVICE } from './audit.module';

/** How the audit service is started, by `main.ts` and by the tests alike. */
export const auditServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: AuditModule,
  port: 3007,
};
