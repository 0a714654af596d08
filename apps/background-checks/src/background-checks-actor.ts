import type { Actor } from '@hirestream/contracts';
import { BACKGROUND_CHECKS_SYSTEM_ACTOR } from './domain/background-check.decider';

/** Who the service's own commands (reactions, timers) name as their actor. */
export const BACKGROUND_CHECKS_ACTOR: Actor = {
  id: BACKGROUND_CHECKS_SYSTEM_ACTOR,
  role: 'system',
};
