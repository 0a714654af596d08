import type { Command, Event } from '@hirestream/contracts';
import type { SnapshotPolicy } from '../store/snapshots';

/**
 * One aggregate's behaviour, pure: `decide` turns a command and the current
 * state into new events (or throws a domain error), `evolve` folds an event into
 * the state, `initialState` is the state of an empty stream. `evolve` returns a
 * new state and never changes the one it is given: gateways keep and share
 * folded states between commands.
 */
export type Decider<State, C extends Command, E extends Event> = Readonly<{
  decide: (command: C, state: State) => E | readonly E[];
  evolve: (state: State, event: E) => State;
  initialState: () => State;
  /**
   * The event types `evolve` folds. A candidate's stream is shared by every
   * service, so it also holds facts this decider knows nothing of; folding
   * skips those. Without it every event of the stream is folded.
   */
  eventTypes?: ReadonlySet<string>;
  /** Opts in to snapshots of the folded state, for streams long enough to make reading them slow. */
  snapshots?: SnapshotPolicy<State>;
}>;

export function decidedEvents<E extends Event>(decided: E | readonly E[]): readonly E[] {
  return Array.isArray(decided) ? (decided as readonly E[]) : [decided as E];
}

export function foldEvents<State, E extends Event>(
  decider: Pick<Decider<State, Command, E>, 'evolve' | 'initialState' | 'eventTypes'>,
  events: Iterable<E>,
  from: State = decider.initialState(),
): State {
  const { eventTypes } = decider;
  let state = from;
  for (const event of events) {
    if (eventTypes === undefined || eventTypes.has(event.type))
      state = decider.evolve(state, event);
  }
  return state;
}
