import type { Actor } from '@hirestream/contracts';

/** The service itself, acting on other services' events and on its timers. */
export const OFFERS_ACTOR: Actor = { id: 'offers', role: 'system' };
