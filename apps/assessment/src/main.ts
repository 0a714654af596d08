import { bootstrapService } from '@hirestream/platform';
import { assessmentServiceOptions } from './assessment.service-options';

bootstrapService(assessmentServiceOptions).catch(() => process.exit(1));
