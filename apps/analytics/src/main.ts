import { bootstrapService } from '@hirestream/platform';
import { analyticsServiceOptions } from './analytics.service-options';

bootstrapService(analyticsServiceOptions).catch(() => process.exit(1));
