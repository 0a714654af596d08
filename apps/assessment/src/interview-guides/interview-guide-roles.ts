import type { Role } from '@hirestream/platform';

/** Who writes rubrics and interview kits. */
export const GUIDE_AUTHORS: readonly Role[] = ['recruiter', 'hiring-manager', 'admin'];

/**
 * Who reads rubrics and kits as their authors see them. Interviewers read the
 * kit of an interview they sit on through the feedback module's route only.
 */
export const GUIDE_READERS: readonly Role[] = [...GUIDE_AUTHORS, 'coordinator', 'auditor'];
