import type { Actor } from '@hirestream/contracts';

/** The service itself, acting on other services' events or repairing its own bookkeeping. */
export const SCHEDULING_ACTOR: Actor = { id: 'scheduling', role: 'system' };
