import { bootstrapService } from '@hirestream/platform';
import { auditServiceOptions } from './audit.service-options';

bootstrapService(auditServiceOptions).catch(() => process.exit(1));
