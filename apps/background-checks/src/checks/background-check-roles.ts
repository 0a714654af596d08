import type { Role } from '@hirestream/platform';

/** Who operates checks: initiates, records references, adjudicates, notifies, decides, cancels. */
export const CHECK_OPERATORS = ['recruiter', 'admin'] as const satisfies readonly Role[];

/** Who reads a check whole (items, summaries, report references, the adverse-action sequence). */
export const CHECK_READERS = [...CHECK_OPERATORS, 'auditor'] as const satisfies readonly Role[];

/** What every staff command route on a check shares: who, the ETag, the answer, the problems. */
export const STAFF_CHECK_COMMAND = {
  roles: CHECK_OPERATORS,
  revisioned: true,
  problems: [404, 409],
} as const;
