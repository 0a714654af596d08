import type { Command, Event } from '@hirestream/contracts';
import type { ChainHead } from '../chain/chain-report';
import { decidedEvents, foldEvents } from '../decider/decider';
import type { OwnWrites } from './own-writes';
import { StreamRevisionConflictError, type EventStore } from '../store/event-store';
import type { CommandContext } from '../store/recorded-event';
import type { Aggregate } from './aggregate';
import { ConcurrencyRetriesExhaustedError, ExpectedRevisionMismatchError } from './command-errors';
import type { StreamActivity, StreamActivityKind } from './stream-activity';
import { StreamLoader, type LoadedStream } from './stream-loader';

export type CommandOptions = Readonly<{
  /** The caller's expected revision (If-Match): checked once, never retried. */
  expectedRevision?: bigint;
  /**
   * The command creates the stream (it names a freshly generated id): decide on
   * the initial state without reading first. Should the stream exist after all,
   * the append conflicts and the gateway reads and decides again.
   */
  streamIsNew?: boolean;
}>;

/** A command decided on a stream as read, not yet appended. */
export type Decision<State, E extends Event> = Readonly<{
  streamName: string;
  /** The state the command was decided on, at `revision`. */
  state: State;
  revision: bigint | undefined;
  events: readonly E[];
  expectedRevision?: bigint;
  /**
   * The stream's last event as loaded (at `revision`) and its stored hash: what the
   * append links the first event to. Absent on a decision not loaded by a gateway:
   * the append then reads it.
   */
  chainHead?: ChainHead;
}>;

/** What a command did: the events it appended and the stream's state and revision after them. */
export type CommandOutcome<State, E extends Event> = Readonly<{
  streamName: string;
  events: readonly E[];
  state: State;
  /** Undefined only for a stream that still does not exist (the command decided nothing). */
  revision: bigint | undefined;
  /** Commit position of the append in `$all`; undefined when nothing was appended. */
  position: bigint | undefined;
}>;

export type CommandGatewayOptions = Readonly<{
  /** Attempts when another writer got in first; each re-reads and decides again. */
  maxAttempts?: number;
  /** Streams whose folded state is kept in memory between commands (0: none). */
  cacheSize?: number;
  activity?: StreamActivity;
  ownWrites?: OwnWrites;
  /** When events happen; tests and timers inject it. */
  clock?: () => Date;
}>;

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_CACHE_SIZE = 2_000;

/**
 * The one way a command reaches a stream, bound to one aggregate: load
 * (reading as little as possible), decide once, append with the revision read;
 * on a conflict read and decide again (bounded), or, when the caller named the
 * revision it expects (If-Match), report the mismatch. Controllers, reactions,
 * timers and processes all go through a gateway.
 */
export class CommandGateway<State, C extends Command, E extends Event> {
  private readonly loader: StreamLoader<State, E>;
  private readonly maxAttempts: number;
  private readonly clock: () => Date;

  constructor(
    private readonly store: EventStore,
    readonly aggregate: Aggregate<State, C, E>,
    private readonly options: CommandGatewayOptions = {},
  ) {
    this.loader = new StreamLoader(
      store,
      aggregate.decider,
      options.cacheSize ?? DEFAULT_CACHE_SIZE,
      (streamName) => this.report(streamName, 'read'),
    );
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.clock = options.clock ?? (() => new Date());
  }

  /** The stream a command addresses. */
  streamOf(command: C): string {
    return this.aggregate.streamOf(command);
  }

  /** The stream folded now (revision undefined: no such stream). */
  async load(streamName: string): Promise<LoadedStream<State>> {
    const { state, revision } = await this.loader.load(streamName);
    return { state, revision };
  }

  /** Resolves once the snapshots loads started writing are written; loads do not wait for them. */
  snapshotsWritten(): Promise<void> {
    return this.loader.snapshotsWritten();
  }

  /** Loads the command's stream and decides, without appending. */
  async decide(command: C, options: CommandOptions = {}): Promise<Decision<State, E>> {
    const streamName = this.streamOf(command);
    const { state, revision, chainHead } =
      options.streamIsNew === true
        ? {
            state: this.aggregate.decider.initialState(),
            revision: undefined,
            chainHead: undefined,
          }
        : await this.loader.load(streamName);
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new ExpectedRevisionMismatchError(options.expectedRevision, revision);
    }
    this.report(streamName, 'decide');
    const events = decidedEvents(this.aggregate.decider.decide(command, state));
    return {
      streamName,
      state,
      revision,
      events,
      expectedRevision: options.expectedRevision,
      chainHead,
    };
  }

  /** Throws the refusal the decision's append would meet for an erased subject's personal data. */
  checkWritable(decision: Decision<State, E>): Promise<void> {
    return this.store.serializer.checkSealable(decision.events);
  }

  /**
   * Decides commands addressed to one stream in turn, each on the state the
   * ones before it leave, appending nothing: one decision holding all their
   * events. The first refusal is thrown.
   */
  async decideInTurn(commands: readonly C[]): Promise<Decision<State, E>> {
    const streamName = this.streamOf(commands[0]!);
    const { state, revision, chainHead } = await this.loader.load(streamName);
    let current = state;
    const events: E[] = [];
    for (const command of commands) {
      if (this.streamOf(command) !== streamName) {
        throw new Error(`decideInTurn takes commands to one stream, not ${streamName} and others`);
      }
      this.report(streamName, 'decide');
      const decided = decidedEvents(this.aggregate.decider.decide(command, current));
      current = foldEvents(this.aggregate.decider, decided, current);
      events.push(...decided);
    }
    return { streamName, state, revision, events, expectedRevision: undefined, chainHead };
  }

  /**
   * Appends a decision's events at the revision it was decided on. Another
   * writer having got in first is `StreamRevisionConflictError`, or, when the
   * decision carries the caller's expected revision, `ExpectedRevisionMismatchError`.
   */
  async append(
    decision: Decision<State, E>,
    context: CommandContext,
  ): Promise<CommandOutcome<State, E>> {
    const { streamName, events, revision } = decision;
    if (events.length === 0) {
      return { streamName, events, state: decision.state, revision, position: undefined };
    }
    let appended;
    try {
      appended = await this.store.append(
        streamName,
        events,
        revision,
        context,
        this.clock(),
        decision.chainHead,
      );
    } catch (error) {
      if (!(error instanceof StreamRevisionConflictError)) throw error;
      this.report(streamName, 'conflict');
      if (decision.expectedRevision !== undefined) {
        throw new ExpectedRevisionMismatchError(decision.expectedRevision, error.actualRevision);
      }
      throw error;
    }
    this.report(streamName, 'append');
    const state = foldEvents(this.aggregate.decider, events, decision.state);
    const lastEventId = appended.eventIds.at(-1);
    if (lastEventId !== undefined) {
      this.loader.remember(streamName, {
        state,
        revision: appended.nextRevision,
        eventId: lastEventId,
        hash: appended.hashes.at(-1),
        foldedSinceSnapshot: this.loader.foldedSinceSnapshot(streamName) + events.length,
        keyIds: appended.keyIds,
      });
    }
    if (appended.position !== undefined) {
      this.options.ownWrites?.note({
        streamName,
        eventTypes: events.map((event) => event.type),
        position: appended.position,
      });
    }
    return {
      streamName,
      events,
      state,
      revision: appended.nextRevision,
      position: appended.position,
    };
  }

  /** Decides and appends, deciding again on a fresh read when another writer got in first (bounded). */
  async handle(
    command: C,
    context: CommandContext,
    options: CommandOptions = {},
  ): Promise<CommandOutcome<State, E>> {
    const maxAttempts = options.expectedRevision === undefined ? this.maxAttempts : 1;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const decision = await this.decide(
        command,
        attempt === 1 ? options : { ...options, streamIsNew: false },
      );
      try {
        return await this.append(decision, context);
      } catch (error) {
        if (!(error instanceof StreamRevisionConflictError)) throw error;
      }
    }
    throw new ConcurrencyRetriesExhaustedError(this.streamOf(command), maxAttempts);
  }

  private report(streamName: string, kind: StreamActivityKind): void {
    this.options.activity?.record({ aggregate: this.aggregate.name, streamName, kind });
  }
}
