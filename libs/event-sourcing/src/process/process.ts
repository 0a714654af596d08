import type { Command, Event } from '@hirestream/contracts';
import type { Decision } from '../command/command-gateway';

/** A command for another stream, with the command that puts that stream back as it was. */
export type UndoableStep<C extends Command> = Readonly<{ command: C; undo: C }>;

/** What a decision on one stream entails on other streams. */
export type ProcessPlan<C extends Command> = Readonly<{
  /** Done before the decision is appended; every one undone if any fails or the append does. */
  before: readonly UndoableStep<C>[];
  /** Done once the decision is appended. */
  after: readonly C[];
}>;

/**
 * Work that spans streams, pure: from a command and its decision on the primary
 * stream (the state it was decided on and the events decided), the commands
 * that must follow on participant streams. A `ProcessRunner` carries them out.
 */
export type Process<PS, PC extends Command, PE extends Event, SC extends Command> = Readonly<{
  name: string;
  plan: (decision: Decision<PS, PE>, command: PC) => ProcessPlan<SC>;
}>;

export const NOTHING_TO_DO: ProcessPlan<never> = { before: [], after: [] };
