import type { ActingPrincipal, Role } from '@hirestream/platform';

/** The roles that read any interviewer's calendar and interviews; an interviewer reads only their own. */
export const STAFF_READERS: readonly Role[] = [
  'recruiter',
  'coordinator',
  'hiring-manager',
  'auditor',
  'admin',
];

export function isStaffReader(principal: ActingPrincipal): boolean {
  return principal.roles.some((role) => STAFF_READERS.includes(role));
}

/** The roles that schedule interviews and change them (reschedule, cancel, record how they went). */
export const INTERVIEW_SCHEDULERS: readonly Role[] = ['recruiter', 'coordinator', 'admin'];
