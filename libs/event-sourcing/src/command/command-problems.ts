import { AggregateNotFoundError, CommandRejectedError } from '@hirestream/contracts';
import type { ProblemMapping } from '@hirestream/platform';
import { InvalidEventError } from '../store/invalid-event.error';
import { ConcurrencyRetriesExhaustedError, ExpectedRevisionMismatchError } from './command-errors';

/**
 * How the errors of deciders and gateways are answered over HTTP, for every
 * service (registered by `EventStoreModule`); a service adds only its own.
 */
export const COMMAND_PROBLEM_MAPPINGS: readonly ProblemMapping[] = [
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
    extensions: (error: ExpectedRevisionMismatchError) => ({
      rule: 'if-match-mismatch',
      currentRevision: error.actual === undefined ? null : error.actual.toString(),
    }),
  },
  {
    error: ConcurrencyRetriesExhaustedError,
    status: 409,
    title: 'Too many concurrent changes; try again',
    extensions: () => ({ rule: 'concurrent-changes' }),
  },
  {
    error: InvalidEventError,
    status: 400,
    title: 'Invalid request',
    extensions: (error: InvalidEventError) => ({ errors: error.problems }),
  },
];
