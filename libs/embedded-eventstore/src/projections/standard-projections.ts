import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore } from '../store/event-store';
import type { SystemEvent } from '../store/store-types';
import { randomUuidBytes } from '../store/uuid-bytes';
import {
  BY_CATEGORY,
  BY_EVENT_TYPE,
  linkEvent,
  sourceEventOf,
  streamKindOf,
  type StandardProjectionHandler,
  type StreamKind,
} from './standard-projection-handlers';

export type ProjectionStatus = 'Running' | 'Stopped' | 'Faulted';

/** What `Projections/Statistics` reports of one projection. */
export interface ProjectionStatistics {
  readonly name: string;
  readonly status: ProjectionStatus;
  readonly stateReason: string;
  readonly version: number;
  /** `C:<commit>/P:<prepare>` of the last event processed, as EventStoreDB prints a checkpoint tag. */
  readonly position: string;
  readonly progress: number;
  readonly eventsProcessedAfterRestart: number;
}

// Events scanned per pass, and links written per commit at most.
const PASS_EVENTS = 4096;
const MAX_LINKS_PER_COMMIT = 1024;
const PROJECTION_UPDATED_EVENT_TYPE = '$ProjectionUpdated';
const SUBSYSTEM_VERSION = 4;

/** One standard projection's run: where it is in $all and whether it runs. */
class ProjectionRun {
  enabled = false;
  status: ProjectionStatus = 'Stopped';
  stateReason = '';
  /** Starts at 1 as the real server's, and counts the durable state changes since. */
  version = 1;
  /** The next $all sequence number to look at. */
  cursor = 0;
  processedAfterRestart = 0;
  loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private readonly kinds = new Map<number, StreamKind>();
  private readonly typesMayLink = new Map<number, boolean>();

  constructor(readonly handler: StandardProjectionHandler) {}

  get stateStream(): string {
    return `$projections-${this.handler.name}`;
  }

  kindOf(store: EventStore, streamId: number): StreamKind {
    let kind = this.kinds.get(streamId);
    if (kind === undefined) {
      kind = streamKindOf(store.streamName(streamId));
      this.kinds.set(streamId, kind);
    }
    return kind;
  }

  /** Whether the event at `seq` may produce a link, from per-stream and per-type decisions kept in memory. */
  mayLink(store: EventStore, seq: number): boolean {
    const kind = this.kindOf(store, store.streamIdOf(seq));
    if (kind.kind === 'ignored') return false;
    const typeId = store.typeIdOf(seq);
    // Type decisions depend on the stream's kind and on its having a category; key them by all.
    const key =
      typeId * 4 + (kind.kind === 'stream' ? 0 : 2) + (kind.category === undefined ? 0 : 1);
    let decision = this.typesMayLink.get(key);
    if (decision === undefined) {
      decision = this.handler.mayLink(kind, store.typeName(typeId));
      this.typesMayLink.set(key, decision);
    }
    return decision;
  }

  waitForWork(): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve;
    });
  }

  wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }
}

/**
 * EventStoreDB's `$by_category` and `$by_event_type`, as a server started without
 * `--start-standard-projections` has them: present, disabled unless enabled. Each follows
 * $all on its own and writes its links in $all order, each batch as one commit, so what is
 * on disk after a crash is always a prefix of the links: the last one written says where to
 * resume. Their enabled state is kept as the real server keeps it, as `$ProjectionUpdated`
 * events in `$projections-<name>`.
 */
export class StandardProjections {
  private readonly runs: ReadonlyMap<string, ProjectionRun>;
  private closed = false;
  private readonly unsubscribe: () => void;

  private constructor(private readonly store: EventStore) {
    this.runs = new Map(
      [BY_CATEGORY, BY_EVENT_TYPE].map((handler) => [handler.name, new ProjectionRun(handler)]),
    );
    this.unsubscribe = store.onCommitted(() => {
      for (const run of this.runs.values()) run.wake();
    });
  }

  /** Recovers both projections from the store; `startStandardProjections` enables them, as the real flag does at start. */
  static async start(
    store: EventStore,
    startStandardProjections: boolean,
  ): Promise<StandardProjections> {
    const projections = new StandardProjections(store);
    for (const run of projections.runs.values()) {
      projections.recover(run);
      if (run.enabled) projections.startLoop(run);
      else if (startStandardProjections) await projections.setEnabled(run, true);
    }
    return projections;
  }

  get names(): readonly string[] {
    return [...this.runs.keys()];
  }

  has(name: string): boolean {
    return this.runs.has(name);
  }

  statistics(name: string): ProjectionStatistics | undefined {
    const run = this.runs.get(name);
    if (run === undefined) return undefined;
    const durable = this.store.durableCount;
    const position = run.cursor === 0 ? -1n : this.store.positionOf(run.cursor - 1);
    return {
      name,
      status: run.status,
      stateReason: run.stateReason,
      version: run.version,
      position: position < 0n ? '' : `C:${position}/P:${position}`,
      progress: durable === 0 || run.cursor >= durable ? 100 : (100 * run.cursor) / durable,
      eventsProcessedAfterRestart: run.processedAfterRestart,
    };
  }

  /** Enables (and starts) or disables (and stops) a projection; false when there is none of that name. */
  async setEnabledByName(name: string, enabled: boolean): Promise<boolean> {
    const run = this.runs.get(name);
    if (run === undefined) return false;
    await this.setEnabled(run, enabled);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    for (const run of this.runs.values()) run.wake();
    await Promise.all([...this.runs.values()].map((run) => run.loop));
  }

  private async setEnabled(run: ProjectionRun, enabled: boolean): Promise<void> {
    if (run.enabled !== enabled || (enabled && run.status === 'Faulted')) {
      run.version += 1;
      await this.store.append(run.stateStream, { kind: 'any' }, [
        {
          id: randomUuidBytes(),
          type: PROJECTION_UPDATED_EVENT_TYPE,
          contentType: 'application/json',
          data: Buffer.from(JSON.stringify(persistedState(run.handler, enabled, run.version))),
          customMetadata: Buffer.alloc(0),
        },
      ]);
      run.enabled = enabled;
    }
    if (enabled) {
      this.startLoop(run);
    } else {
      run.status = 'Stopped';
      run.wake();
      await run.loop;
    }
  }

  private startLoop(run: ProjectionRun): void {
    run.status = 'Running';
    run.stateReason = '';
    run.loop ??= this.follow(run)
      .catch((error: unknown) => {
        run.status = 'Faulted';
        run.stateReason = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        run.loop = undefined;
        // Enabled again while the loop was winding down: it must run on.
        if (run.enabled && !this.closed && run.status === 'Running') this.startLoop(run);
      });
  }

  /** Reads the durable state: enabled or not, and where the last link written leaves off. */
  private recover(run: ProjectionRun): void {
    const state = this.store.streamReadState(run.stateStream);
    if (state.kind === 'found') {
      const record = this.store.recordAt(state.entry.seqs.at(state.last));
      const persisted = parseJsonObject(
        record.buffer.subarray(record.fields.dataStart, record.fields.customMetadataStart),
      );
      run.enabled = persisted?.enabled === true;
      run.version = typeof persisted?.version === 'number' ? persisted.version : 1;
    }
    let lastPosition = -1;
    for (const entry of this.store.streamsStartingWith(run.handler.emittedStreamPrefix)) {
      // The newest link of each stream is normally the projection's; walk back past others.
      for (let revision = entry.seqs.length - 1; revision >= 0; revision -= 1) {
        const position = this.linkedPosition(run, entry.seqs.at(revision));
        if (position !== undefined) {
          lastPosition = Math.max(lastPosition, position);
          break;
        }
      }
    }
    run.cursor = lastPosition < 0 ? 0 : this.store.seqAtOrAfter(BigInt(lastPosition) + 1n);
  }

  /** The `$p` of a link this projection wrote, or undefined for any other event. */
  private linkedPosition(run: ProjectionRun, seq: number): number | undefined {
    const { buffer, fields } = this.store.recordAt(seq);
    const metadata = parseJsonObject(buffer.subarray(fields.customMetadataStart, fields.end));
    const version = metadata?.$v;
    const position = metadata?.$p;
    if (typeof version !== 'string' || !version.startsWith(`${run.handler.projectionId}:`))
      return undefined;
    return typeof position === 'number' ? position : undefined;
  }

  private async follow(run: ProjectionRun): Promise<void> {
    const store = this.store;
    while (run.enabled && !this.closed) {
      const end = Math.min(store.durableCount, run.cursor + PASS_EVENTS);
      if (run.cursor >= end) {
        await run.waitForWork();
        continue;
      }
      const links: SystemEvent[] = [];
      let seq = run.cursor;
      while (seq < end && links.length < MAX_LINKS_PER_COMMIT) {
        if (run.mayLink(store, seq)) {
          const record = store.recordAt(seq);
          const kind = run.kindOf(store, store.streamIdOf(seq));
          const link = run.handler.linkFor(store, kind, sourceEventOf(record));
          if (link !== undefined)
            links.push(linkEvent(run.handler, run.version, Number(store.positionOf(seq)), link));
        }
        seq += 1;
      }
      if (links.length > 0) {
        const outcome = await store.appendSystemEvents(links);
        if (outcome.kind === 'stream_deleted')
          throw new Error(`Event stream '${outcome.streamName}' is deleted.`);
      } else {
        // Nothing to write: let calls in before scanning further.
        await nextTurn();
      }
      run.processedAfterRestart += seq - run.cursor;
      run.cursor = seq;
    }
  }
}

function persistedState(
  handler: StandardProjectionHandler,
  enabled: boolean,
  version: number,
): Record<string, unknown> {
  return {
    handlerType: handler.handlerType,
    query: handler.query,
    mode: 'Continuous',
    enabled,
    emitEnabled: true,
    checkpointsDisabled: false,
    trackEmittedStreams: false,
    epoch: -1,
    version,
    projectionSubsystemVersion: SUBSYSTEM_VERSION,
  };
}

function parseJsonObject(bytes: Buffer): Record<string, unknown> | undefined {
  if (bytes.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
