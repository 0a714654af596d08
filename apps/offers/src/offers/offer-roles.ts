import type { Role } from '@hirestream/platform';

/** Who drafts, extends and rescinds offers. */
export const OFFER_MAKERS: readonly Role[] = ['recruiter', 'admin'];

/**
 * Who may read compensation: staff who make, manage or audit offers read
 * every offer of a candidacy; approvers those whose chain they are in; the
 * candidate their own extended offer. Never interviewers or coordinators.
 */
export const COMPENSATION_READERS: readonly Role[] = [
  'recruiter',
  'hiring-manager',
  'auditor',
  'admin',
];

/** Who may sit in an approval chain (as the person the chain names) and act when it is their turn. */
export const APPROVER_ROLES: readonly Role[] = ['approver', 'hiring-manager'];
