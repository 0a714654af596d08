import type { Actor, Command, Event } from '@hirestream/contracts';
import { commandContextOf, type CommandContext } from '@hirestream/event-sourcing';
import type { IncomingEvent } from './cloud-event-headers';

/**
 * What a service does when another service's event arrives, pure: the commands
 * that follow from the event (none for events it does not care about). Tested
 * like a decider; run by `react` inside an `IdempotentEventConsumer`.
 */
export type Reaction<E extends Event, C extends Command> = Readonly<{
  name: string;
  commandsFor: (event: E) => readonly C[];
}>;

/**
 * Runs a reaction for an event the consumer has read and checked against its
 * contract: each command, in order, through `run` (a gateway or a process),
 * caused by the event and acted by `actor` (the service itself).
 */
export async function react<E extends Event, C extends Command>(
  reaction: Reaction<E, C>,
  event: IncomingEvent,
  actor: Actor,
  run: (command: C, context: CommandContext) => Promise<unknown>,
): Promise<void> {
  // The consumer has checked the data against the event type's schema. A type the
  // reaction's switch does not know (added to the topic since) needs nothing from it.
  const commands: readonly C[] | undefined = reaction.commandsFor({
    type: event.type,
    data: event.data,
  } as unknown as E);
  if (commands === undefined) return;
  const context = commandContextOf({ event, actor });
  for (const command of commands) await run(command, context);
}
