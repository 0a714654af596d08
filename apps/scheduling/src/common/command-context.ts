import type { CommandContext } from '@hirestream/event-sourcing';
import { currentCorrelation, type ActingPrincipal } from '@hirestream/platform';
import { randomUUID } from 'node:crypto';

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
