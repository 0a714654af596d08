import { bootstrapService } from '@hirestream/platform';
import { backgroundChecksServiceOptions } from './background-checks.service-options';

bootstrapService(backgroundChecksServiceOptions).catch(() => process.exit(1));
