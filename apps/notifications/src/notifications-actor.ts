import type { Actor } from '@hirestream/contracts';

/** The service itself, acting on its timers. */
export const NOTIFICATIONS_ACTOR: Actor = { id: 'notifications', role: 'system' };
