/** Every role a token may carry; unknown role names in a token are ignored. */
export const ROLES = [
  'recruiter',
  'coordinator',
  'hiring-manager',
  'interviewer',
  'approver',
  'auditor',
  'admin',
  'candidate',
] as const;

export type Role = (typeof ROLES)[number];

const known: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && known.has(value);
}
