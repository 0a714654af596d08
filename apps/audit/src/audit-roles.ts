import type { Role } from '@hirestream/platform';

/** Every route of the audit service: auditors, and admins. */
export const AUDITORS: readonly Role[] = ['auditor', 'admin'];
