import type { Actor } from '@hirestream/contracts';

/** The service itself, acting on other services' events. */
export const ASSESSMENT_ACTOR: Actor = { id: 'assessment', role: 'system' };
