import { bootstrapService } from '@hirestream/platform';
import { offersServiceOptions } from './offers.service-options';

bootstrapService(offersServiceOptions).catch(() => process.exit(1));
