import {
  AggregateNotFoundError,
  CommandRejectedError,
  ConcurrencyRetriesExhaustedError,
  ExpectedRevisionMismatchError,
} from '@hirestream/event-sourcing';
import { connectEventConsumer } from '@hirestream/messaging';
import type { ServiceOptions } from '@hirestream/platform';
import { CONSUMER_GROUP } from './reactions/candidate-closed.reaction';
import { SchedulingModule, SERVICE } from './scheduling.module';

/** How the scheduling service is started, by `main.ts` and by the tests alike. */
export const schedulingServiceOptions: ServiceOptions = {
  serviceName: SERVICE,
  module: SchedulingModule,
  port: 3002,
  // The candidates service's rejections and withdrawals close open interviews.
  connectMicroservices: (app) => connectEventConsumer(app, SERVICE, CONSUMER_GROUP),
  problemMappings: [
    {
      error: CommandRejectedError,
      status: 409,
      title: 'Command refused by the hiring process rules',
      // Clients tell refusals apart (a clash, a closed candidacy) by the rule's name.
      extensions: (error: CommandRejectedError) => ({ rule: error.rule }),
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
