import type { Role } from '@hirestream/platform';

/** Who decides after a debrief. */
export const DECIDERS: readonly Role[] = ['hiring-manager', 'admin'];

/** Staff who read the decisions with their rationale and overrides, and what the candidate is told. */
export const DECISION_READERS: readonly Role[] = [
  'recruiter',
  'coordinator',
  'hiring-manager',
  'auditor',
  'admin',
];
