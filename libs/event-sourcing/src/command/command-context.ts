import type { Actor } from '@hirestream/contracts';
import { currentCorrelation, type ActingPrincipal } from '@hirestream/platform';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../store/recorded-event';

/**
 * Why a command runs: a caller over HTTP; an event another service published,
 * which a reaction turns into commands; or a timer that came due. Each becomes
 * the actor and the correlation and causation ids of the events it produces.
 */
export type CommandCause =
  | Readonly<{ principal: ActingPrincipal }>
  | Readonly<{ event: Readonly<{ id: string; correlationId: string }>; actor: Actor }>
  | Readonly<{ timer: Readonly<{ id: string; correlationId?: string }>; actor: Actor }>;

/** The metadata a command's events carry, from what caused the command. */
export function commandContextOf(cause: CommandCause): CommandContext {
  if ('principal' in cause) {
    const correlation = currentCorrelation();
    const correlationId = correlation?.correlationId ?? randomUUID();
    return {
      actor: { id: cause.principal.subject, role: cause.principal.actingRole },
      correlationId,
      causationId: correlation?.causationId ?? correlationId,
    };
  }
  if ('event' in cause) {
    return {
      actor: cause.actor,
      correlationId: cause.event.correlationId,
      causationId: cause.event.id,
    };
  }
  return {
    actor: cause.actor,
    correlationId: cause.timer.correlationId ?? cause.timer.id,
    causationId: cause.timer.id,
  };
}
