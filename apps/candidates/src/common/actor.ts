import type { Actor } from '@hirestream/contracts';
import type { ActingPrincipal } from '@hirestream/platform';

/** The actor recorded on events: the caller and the role they acted in. */
export function actorOf(principal: ActingPrincipal): Actor {
  return { id: principal.subject, role: principal.actingRole };
}
