import type { CommandContext } from '@hirestream/event-sourcing';
import { currentCorrelation, type ActingPrincipal } from '@hirestream/platform';
import { randomUUID } from 'node:crypto';

/** The service itself, acting on events or repairing its own bookkeeping rather than for a caller. */
export const SCHEDULING_SYSTEM_ACTOR: CommandContext['actor'] = {
  id: 'scheduling',
  role: 'system',
};

/**
 * The metadata every event of one request carries: the caller as actor, and
 * the request's correlation, shared by the calendar and candidate appends.
 */
export function commandContextOf(principal: ActingPrincipal): CommandContext {
  const correlation = currentCorrelation();
  const correlationId = correlation?.correlationId ?? randomUUID();
  return {
    actor: { id: principal.subject, role: principal.actingRole },
    correlationId,
    causationId: correlation?.causationId ?? correlationId,
  };
}
