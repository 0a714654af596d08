import { ACTOR_ROLES, type ActorRole } from '@hirestream/contracts';

/** The roles a token may carry: the event actor roles (one list, in contracts) but `system`, which only reactions use. */
export type Role = Exclude<ActorRole, 'system'>;

export const ROLES: readonly Role[] = ACTOR_ROLES.filter((role): role is Role => role !== 'system');

const known: ReadonlySet<string> = new Set(ROLES);

/** Unknown role names in a token are ignored. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && known.has(value);
}
