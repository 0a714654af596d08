import type { Command, Event } from '@hirestream/contracts';
import type { Decider } from '../decider/decider';

/**
 * A decider bound to its streams: what a command gateway is made for. One per
 * aggregate type (a candidate's stream as one service folds it, an
 * interviewer's calendar).
 */
export type Aggregate<State, C extends Command, E extends Event> = Readonly<{
  /** Names the aggregate in metrics and logs: `candidate`, `interviewer-calendar`. */
  name: string;
  decider: Decider<State, C, E>;
  /** The stream a command addresses. */
  streamOf: (command: C) => string;
}>;
