import type { Actor } from '@hirestream/contracts';

/** The service itself, carrying out other services' decisions on a candidacy. */
export const CANDIDATES_ACTOR: Actor = { id: 'candidates', role: 'system' };
