import type { ServiceOptions } from '@hirestream/platform';
import { ReadModelConfig } from '@hirestream/read-models';
import { CandidatesModule, SERVICE } from './candidates.module';

/** How the candidates service is started, by `main.ts` and by the tests alike. */
export const candidatesServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: CandidatesModule,
  port: 3001,
  config: ReadModelConfig,
};
