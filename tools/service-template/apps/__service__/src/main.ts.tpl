import { bootstrapService } from '@hirestream/platform';
import { __serviceCamel__ServiceOptions } from './__service__.service-options';

bootstrapService(__serviceCamel__ServiceOptions).catch(() => process.exit(1));
