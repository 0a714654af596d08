import type { ServiceOptions } from '@hirestream/platform';
import { __Service__Module, SERVICE } from './__service__.module';

/** How the __service__ service is started, by `main.ts` and by the tests alike. */
export const __serviceCamel__ServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: __Service__Module,
  port: __port__,
};
