import type { Role } from '@hirestream/platform';

/** Who sets a candidate take-home work and reads it with every score. */
export const ASSIGNERS: readonly Role[] = ['recruiter', 'hiring-manager', 'admin'];

/** Who may move a due time: the assigners, and coordinators, who arrange the candidate's time. */
export const DUE_TIME_KEEPERS: readonly Role[] = [...ASSIGNERS, 'coordinator'];

/** Staff who read every assignment of a candidate, with the submission and every score. */
export const ASSIGNMENT_READERS: readonly Role[] = [
  'recruiter',
  'coordinator',
  'hiring-manager',
  'auditor',
  'admin',
];

/** Who scores: the reviewers named on an assignment, by their actor id, in one of these roles. */
export const REVIEWER_ROLES: readonly Role[] = ['interviewer', 'hiring-manager'];
