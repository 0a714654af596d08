import { bootstrapService } from '@hirestream/platform';
import { schedulingServiceOptions } from './scheduling.service-options';

bootstrapService(schedulingServiceOptions).catch(() => process.exit(1));
