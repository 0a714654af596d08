import type { Role } from '@hirestream/platform';

/**
 * Who reviews how consistently people interview: recruiting leads, hiring
 * managers, auditors and admins. An interviewer reads only their own.
 */
export const CALIBRATION_READERS: readonly Role[] = [
  'recruiter',
  'hiring-manager',
  'auditor',
  'admin',
];
