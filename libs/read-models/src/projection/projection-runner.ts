import type { AllStreamResolvedEvent, EventStoreDBClient, Position } from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import {
  CatchUpSubscription,
  filterOf,
  type EventSerializer,
  type SubscriptionLogger,
  type SubscriptionStall,
} from '@hirestream/event-sourcing';
import type { PoolClient } from 'pg';
import { PersonalColumns } from '../personal-data/personal-columns';
import { setTimeout as sleep } from 'node:timers/promises';
import { AdvisoryLease } from '../passes/advisory-lease';
import { answeredWithin } from '../passes/answered-within';
import type { ReadModelDatabase, Sql } from '../database/read-model-database';
import { lockKey } from '../database/sql-names';
import type { ProjectionBuild, ProjectionBuilds } from './projection-builds';
import type { PostgresProjection, ProjectionTables } from './projection-definition';
import { servingLockKey } from './projection-watch';

/** How long a stopping runner may take to finish its batch before its connection is cut. */
const STOP_GRACE_MS = 5_000;
/** How often the runner looks for rebuilds asked for (notifications say so sooner) and older versions to retire. */
const HOUSEKEEPING_EVERY_MS = 5_000;

export type ProjectionRunnerOptions<T extends string, E extends Event> = Readonly<{
  definition: PostgresProjection<T, E>;
  db: ReadModelDatabase;
  builds: ProjectionBuilds;
  client: EventStoreDBClient;
  serializer: EventSerializer;
  logger: SubscriptionLogger & Readonly<{ info: (message: string, details?: object) => void }>;
  onStall?: (stall: SubscriptionStall) => void;
  /** Told after each committed batch, so this process's reads know the checkpoint at once. */
  onApplied?: (build: ProjectionBuild, position: Position) => void;
  /** Told when this runner made a build live (or found it live and caught up), with the newest position applied. */
  onCaughtUp?: (build: ProjectionBuild, applied: Position | undefined) => void;
  /** Events per transaction at most. */
  maxBatchSize?: number;
}>;

/** The lock only one runner of a projection version holds, across every replica. */
export function runnerLockKey(schema: string, name: string, version: number): string {
  return lockKey(`hirestream:projection:${schema}:${name}:v${version}`);
}

/** One build the runner keeps applying events to, with its own subscription and checkpoint. */
type Track = {
  build: ProjectionBuild;
  subscription: CatchUpSubscription;
  lastApplied: Position | undefined;
  /** Replaced by a newer generation: its batches are no longer applied. */
  superseded: boolean;
};

/**
 * Keeps one version of a projection up to date, in one replica at a time: it
 * waits for the version's advisory lock (so another replica's runner takes over
 * when this one dies), then follows `$all` from the build's checkpoint, applying
 * each batch and moving the checkpoint in one transaction, so a crash never
 * applies an event twice or skips one. A building build goes live once caught
 * up. A rebuild asked for (a `requested` generation) gets its tables and a
 * subscription of its own from the start, beside the live build's, which keeps
 * serving and being updated; once the new generation has caught up (and has
 * everything the live one has), it goes live and the old one's tables are
 * dropped. Older versions are retired once no replica serves them.
 */
export class ProjectionRunner<T extends string, E extends Event> {
  private stopping = false;
  private running: Promise<void> | undefined;
  private lease: AdvisoryLease | undefined;
  /** The builds being followed now: the live one, and a building one beside it (or only that). */
  private readonly tracks = new Set<Track>();
  /** Tracks stopping in the background (a track cannot await its own stop from its handler). */
  private readonly stoppingTracks = new Set<Promise<void>>();
  private restart: (() => void) | undefined;
  private caughtUp = false;
  /** The lock client's work, one transaction at a time: batches, promotions and retirements never interleave. */
  private onLockClient: Promise<unknown> = Promise.resolve();
  private housekeeping: Promise<void> = Promise.resolve();
  /** Retired builds may have tables left: after a retirement, and at start (a crash may have left some). */
  private tablesToDrop = false;

  private readonly personal: PersonalColumns;

  constructor(private readonly options: ProjectionRunnerOptions<T, E>) {
    this.personal = new PersonalColumns(options.serializer.vault);
  }

  /** Whether this process runs the projection now (holds its lock). */
  get isRunner(): boolean {
    return this.lease !== undefined;
  }

  /** Whether this process's run has a live build caught up with `$all` since it took the lock. */
  get isCaughtUp(): boolean {
    return this.isRunner && this.caughtUp;
  }

  /** The stall of the build that serves (or of the first build, while it is built). */
  get stall(): SubscriptionStall | undefined {
    const serving = this.liveTrack ?? [...this.tracks][0];
    return serving?.subscription.stall;
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.restart?.();
    // A query that never answers (a connection gone bad) must not hold up the shutdown: after a
    // grace period the connection is cut (a batch in flight rolls back, to be applied again later)
    // and the shutdown goes on without waiting for the stuck call.
    const graceful = await answeredWithin(
      (this.running ?? Promise.resolve()).then(
        () => true,
        () => true,
      ),
      STOP_GRACE_MS,
      'the runner stop',
    ).catch(() => false);
    if (!graceful) {
      this.options.logger.warn(
        `projection ${this.options.definition.name} runner did not stop within ${STOP_GRACE_MS} ms; its connection is cut`,
      );
      this.dropLockClient();
    }
  }

  /** Looks for a rebuild asked for now, instead of at the next periodic check. */
  wake(): void {
    if (this.isRunner) this.keepHouse();
  }

  private get liveTrack(): Track | undefined {
    return [...this.tracks].find((track) => track.build.status === 'live');
  }

  private get lockKey(): string {
    const { definition, db } = this.options;
    return runnerLockKey(db.schema, definition.name, definition.version);
  }

  private async loop(): Promise<void> {
    let backoff = 200;
    while (!this.stopping) {
      try {
        if (await this.acquireLock()) {
          backoff = 200;
          await this.drive();
        }
      } catch (error) {
        this.options.logger.warn(`projection ${this.options.definition.name} runner failed`, {
          error: error instanceof Error ? error.message : String(error),
          backoffMs: backoff,
        });
      } finally {
        this.releaseLock();
      }
      if (this.stopping) break;
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 5_000);
    }
  }

  /** Waits for the runner lock (true), or until stopping (false). */
  private async acquireLock(): Promise<boolean> {
    const waiting = new AbortController();
    this.restart = () => waiting.abort();
    const lease = await AdvisoryLease.acquire(this.options.db, this.lockKey, waiting.signal);
    if (lease === undefined) return false;
    this.lease = lease;
    // A lost connection loses the lock too: start over and wait for it again.
    void lease.lost.then(() => this.restart?.());
    return true;
  }

  private get lockClient(): PoolClient | undefined {
    return this.lease?.client;
  }

  private releaseLock(): void {
    this.caughtUp = false;
    this.dropLockClient();
  }

  /** Ends the lock's session (which frees its advisory lock); a broken connection is thrown away. */
  private dropLockClient(): void {
    const lease = this.lease;
    this.lease = undefined;
    lease?.release();
  }

  /** Follows the version's builds until stopped, or until something fails (then starts over). */
  private async drive(): Promise<void> {
    const { definition, builds } = this.options;
    const ended = new Promise<void>((resolve) => (this.restart = resolve));
    // The host created the first build at start, unless the store was unreachable then.
    await builds.ensure(definition);
    const existing = await builds.ofVersion(definition.name, definition.version);
    const live = existing.find((build) => build.status === 'live');
    const building = existing.find(
      (build) => build.status === 'building' && build.generation > (live?.generation ?? 0),
    );
    for (const build of [live, building]) if (build !== undefined) this.follow(build);
    this.tablesToDrop = true;
    this.keepHouse();
    const housekeeping = setInterval(() => this.keepHouse(), HOUSEKEEPING_EVERY_MS);
    try {
      await ended;
    } finally {
      clearInterval(housekeeping);
      await this.housekeeping;
      const tracks = [...this.tracks];
      this.tracks.clear();
      await Promise.all([
        ...tracks.map((track) => track.subscription.stop()),
        ...this.stoppingTracks,
      ]);
    }
  }

  /** Starts applying events to a build, from its checkpoint. */
  private follow(build: ProjectionBuild): void {
    const { definition } = this.options;
    const tables = this.options.builds.tablesOf(build, definition.tables);
    const track: Track = {
      build,
      lastApplied: build.checkpoint,
      superseded: false,
      subscription: new CatchUpSubscription({
        name: `${definition.name}-v${definition.version}-g${build.generation}`,
        client: this.options.client,
        filter: filterOf(definition.select),
        checkpoints: { load: async () => build.checkpoint, store: async () => undefined },
        maxBatchSize: this.options.maxBatchSize ?? 1_000,
        handle: async (batch) => {
          if (this.stopping || track.superseded) return;
          if (!(await this.applyBatch(track, tables, batch))) {
            if (!track.superseded) this.restart?.();
            return;
          }
          if (track.build.status === 'building' && track.subscription.isCaughtUp) {
            await this.promote(track);
          }
        },
        onStall: this.options.onStall,
        logger: this.options.logger,
      }),
    };
    this.tracks.add(track);
    track.subscription.start();
    void track.subscription.whenCaughtUp().then(() => this.caughtUpWith(track));
  }

  /** Applies a batch with the checkpoint; false when the build was replaced (nothing applied). */
  private async applyBatch(
    track: Track,
    tables: ProjectionTables<T>,
    batch: readonly AllStreamResolvedEvent[],
  ): Promise<boolean> {
    const { definition, builds, serializer } = this.options;
    const { build } = track;
    const last = batch.at(-1)?.event;
    if (last?.position === undefined || this.lockClient === undefined) return true;
    const stored = batch.flatMap(({ event }) => (event === undefined ? [] : [event]));
    const revisions = new Map<string, bigint>();
    for (const event of stored) revisions.set(event.streamId, event.revision);
    const events = await serializer.open<E>(
      batch.filter(
        ({ event }) =>
          event !== undefined &&
          (definition.eventTypes === undefined || definition.eventTypes.has(event.type)),
      ),
    );
    const applied = await this.transactionOnLockClient(async (sql) => {
      const { rows } = await sql.query<{ status: string }>(
        `select status from ${builds.buildsTable}
         where name = $1 and version = $2 and generation = $3 for update`,
        [build.name, build.version, build.generation],
      );
      if (rows[0]?.status !== 'building' && rows[0]?.status !== 'live') return false;
      if (revisions.size > 0) {
        await definition.apply(sql, tables, events, revisions, stored, this.personal);
      }
      await builds.advance(sql, build, last.position!, last.created.toISOString(), events.length);
      return true;
    });
    if (applied) {
      track.lastApplied = last.position;
      this.options.onApplied?.(build, last.position);
    }
    return applied;
  }

  /** Runs work on the lock's connection once the work before it there is done. */
  private withLockClient<R>(work: (client: PoolClient) => Promise<R>): Promise<R> {
    const client = this.lockClient;
    if (client === undefined) return Promise.reject(new Error('the runner lost its lock'));
    const result = this.onLockClient.then(() => work(client));
    this.onLockClient = result.catch(() => undefined);
    return result;
  }

  private transactionOnLockClient<R>(work: (sql: Sql) => Promise<R>): Promise<R> {
    return this.withLockClient((client) => this.options.db.transaction(work, client));
  }

  private async caughtUpWith(track: Track): Promise<void> {
    if (track.superseded || !this.tracks.has(track)) return;
    if (track.build.status === 'building') {
      await this.promote(track);
      return;
    }
    this.caughtUp = true;
    this.options.onCaughtUp?.(track.build, track.lastApplied);
    this.keepHouse();
  }

  /**
   * Makes a caught-up building build live once it has everything the live one
   * has, stops following the build it replaces and drops that one's tables.
   */
  private async promote(track: Track): Promise<void> {
    const { builds, logger, definition } = this.options;
    try {
      const retired = await this.transactionOnLockClient((sql) => builds.promote(sql, track.build));
      if (retired === undefined) return;
      track.build = { ...track.build, status: 'live' };
      for (const old of this.tracks) {
        if (old === track) continue;
        old.superseded = true;
        this.tracks.delete(old);
        const stopped = old.subscription.stop();
        this.stoppingTracks.add(stopped);
        void stopped.finally(() => this.stoppingTracks.delete(stopped));
      }
      this.caughtUp = true;
      this.options.onCaughtUp?.(track.build, track.lastApplied);
      logger.info(`projection ${definition.name} v${definition.version} is live`, {
        generation: track.build.generation,
        retired: retired.map((b) => `v${b.version}g${b.generation}`),
      });
      this.tablesToDrop = this.tablesToDrop || retired.length > 0;
      this.keepHouse();
    } catch (error) {
      logger.warn(`projection ${definition.name} could not go live; retrying`, {
        error: error instanceof Error ? error.message : String(error),
      });
      this.restart?.();
    }
  }

  /** Starts a rebuild asked for and retires older versions; one pass at a time. */
  private keepHouse(): void {
    this.housekeeping = this.housekeeping.then(async () => {
      try {
        await this.startRequestedRebuild();
        await this.retireOlderVersions();
        await this.dropRetiredTables();
      } catch (error) {
        this.options.logger.warn(`projection ${this.options.definition.name} housekeeping failed`, {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    });
  }

  /** Creates the tables of the newest requested generation and follows it, unless one is being built already. */
  private async startRequestedRebuild(): Promise<void> {
    const { builds, definition, logger } = this.options;
    if (this.lockClient === undefined || this.stopping) return;
    if ([...this.tracks].some((track) => track.build.status === 'building')) return;
    const requested = (await builds.ofVersion(definition.name, definition.version)).find(
      (build) => build.status === 'requested',
    );
    if (requested === undefined) return;
    const migrations = definition.migrations(builds.tablesOf(requested, definition.tables));
    const started = await this.transactionOnLockClient((sql) =>
      builds.startRequested(sql, requested, migrations),
    );
    if (!started || this.lockClient === undefined || this.stopping) return;
    logger.info(`projection ${definition.name} v${definition.version} is being rebuilt`, {
      generation: requested.generation,
    });
    this.follow({ ...requested, status: 'building' });
  }

  /** Retires and drops older versions' builds once no replica serves or runs them any more. */
  private async retireOlderVersions(): Promise<void> {
    const { builds, db, definition } = this.options;
    if (this.lockClient === undefined || !this.caughtUp) return;
    for (const version of await builds.olderVersions(definition.name, definition.version)) {
      const keys = [
        runnerLockKey(db.schema, definition.name, version),
        servingLockKey(db.schema, definition.name, version),
      ];
      const retired = await this.withLockClient(async (client) => {
        const held: string[] = [];
        try {
          for (const key of keys) {
            const { rows } = await client.query<{ locked: boolean }>(
              'select pg_try_advisory_lock($1::bigint) as locked',
              [key],
            );
            if (rows[0]?.locked !== true) return [];
            held.push(key);
          }
          return await db.transaction(
            (sql) => builds.retireVersion(sql, definition.name, version),
            client,
          );
        } finally {
          for (const key of held) {
            await client.query('select pg_advisory_unlock($1::bigint)', [key]);
          }
        }
      });
      this.tablesToDrop = this.tablesToDrop || retired.length > 0;
    }
  }

  /** Drops what retired builds left, apart from the batches (a read may hold a table a while). */
  private async dropRetiredTables(): Promise<void> {
    const { builds, definition, logger } = this.options;
    if (!this.tablesToDrop || this.lockClient === undefined) return;
    this.tablesToDrop = false;
    let dropped: string[];
    try {
      dropped = await builds.dropRetiredTables(definition.name);
    } catch (error) {
      this.tablesToDrop = true;
      throw error;
    }
    if (dropped.length > 0) {
      logger.info(`projection ${definition.name}: retired tables dropped`, { tables: dropped });
    }
  }
}
