import type { Command, Event } from '@hirestream/contracts';
import { decidedEvents, foldEvents, type Decider } from '../decider/decider';
import {
  ConcurrencyRetriesExhaustedError,
  ExpectedRevisionMismatchError,
} from '../decider/domain-errors';
import { StreamRevisionConflictError, type EventStore } from './event-store';
import type { CommandContext } from './recorded-event';
import { loadWithSnapshot } from './snapshots';

export type CommandResult<State, E extends Event> = Readonly<{
  newEvents: readonly E[];
  newState: State;
  /** Revision of the stream after the command (unchanged when it decided nothing). */
  revision: bigint | undefined;
}>;

/** A stream as the caller already read it: folded with the command's decider, at `revision`. */
export type LoadedStream<State> = Readonly<{ state: State; revision: bigint | undefined }>;

export type HandleCommandOptions<State = never> = Readonly<{
  /** The caller's expected revision (If-Match): checked once, never retried. */
  expectedRevision?: bigint;
  /** Attempts when another writer got in first; each re-reads and decides again. */
  maxAttempts?: number;
  occurredAt?: Date;
  /**
   * The command creates the stream (it names a freshly generated id): decide on
   * the initial state without reading first. Should the stream exist after all,
   * the append conflicts and the handler reads and decides again.
   */
  streamIsNew?: boolean;
  /**
   * The stream as the caller just loaded it: the first attempt decides on it
   * without reading again. Should the stream have moved on since, the append
   * conflicts and the handler reads and decides again (with an expected
   * revision, it reports the mismatch instead).
   */
  loaded?: LoadedStream<State>;
}>;

const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Loads the stream (or takes it as `loaded`), folds it, decides, and appends
 * guarded by the revision it read. A concurrent write makes it re-read and
 * decide again (bounded); with a caller's expected revision a mismatch is
 * reported instead.
 */
export async function handleCommand<State, C extends Command, E extends Event>(
  store: EventStore,
  decider: Decider<State, C, E>,
  streamName: string,
  command: C,
  context: CommandContext,
  options: HandleCommandOptions<State> = {},
): Promise<CommandResult<State, E>> {
  const maxAttempts =
    options.expectedRevision === undefined ? (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) : 1;
  const firstLoad =
    options.loaded ??
    (options.streamIsNew === true ? { state: decider.initialState(), revision: undefined } : null);
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const { state, revision } =
      attempt === 1 && firstLoad !== null
        ? firstLoad
        : await loadStream(store, decider, streamName);
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new ExpectedRevisionMismatchError(options.expectedRevision, revision);
    }
    const newEvents = decidedEvents(decider.decide(command, state));
    if (newEvents.length === 0) return { newEvents, newState: state, revision };
    try {
      const { nextRevision } = await store.append(
        streamName,
        newEvents,
        revision,
        context,
        options.occurredAt,
      );
      return { newEvents, newState: foldEvents(decider, newEvents, state), revision: nextRevision };
    } catch (error) {
      if (!(error instanceof StreamRevisionConflictError)) throw error;
      if (options.expectedRevision !== undefined) {
        throw new ExpectedRevisionMismatchError(options.expectedRevision, error.actualRevision);
      }
    }
  }
  throw new ConcurrencyRetriesExhaustedError(streamName, maxAttempts);
}

/**
 * Reads the stream and folds it with the decider (revision undefined: no such
 * stream). A decider with a snapshot policy starts from its newest usable
 * snapshot and reads only the tail, and stores a new snapshot once the tail
 * grew long (see `loadWithSnapshot`).
 */
export async function loadStream<State, E extends Event>(
  store: EventStore,
  decider: Pick<Decider<State, Command, E>, 'evolve' | 'initialState' | 'eventTypes' | 'snapshots'>,
  streamName: string,
): Promise<LoadedStream<State>> {
  if (decider.snapshots !== undefined) {
    return loadWithSnapshot(store, { ...decider, snapshots: decider.snapshots }, streamName);
  }
  const { events, revision } = await store.readStream<E>(streamName);
  const state = foldEvents(
    decider,
    events.map((recorded) => recorded.event),
  );
  return { state, revision };
}
