import {
  AggregateNotFoundError,
  CommandRejectedError,
  ConcurrencyRetriesExhaustedError,
  ExpectedRevisionMismatchError,
} from '@hirestream/event-sourcing';
import type { ServiceOptions } from '@hirestream/platform';
import { CandidatesModule, SERVICE } from './candidates.module';

/** How the candidates service is started, by `main.ts` and by the tests alike. */
export const candidatesServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: CandidatesModule,
  port: 3001,
  problemMappings: [
    {
      error: CommandRejectedError,
      status: 409,
      title: 'Command refused by the hiring process rules',
    },
    { error: AggregateNotFoundError, status: 404, title: 'Not found' },
    {
      error: ExpectedRevisionMismatchError,
      status: 409,
      title: 'The resource changed (If-Match does not match)',
    },
    {
      error: ConcurrencyRetriesExhaustedError,
      status: 409,
      title: 'Too many concurrent changes; try again',
    },
  ],
};
