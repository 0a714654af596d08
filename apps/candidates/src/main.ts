import { bootstrapService } from '@hirestream/platform';
import { candidatesServiceOptions } from './candidates.service-options';

bootstrapService(candidatesServiceOptions).catch(() => process.exit(1));
