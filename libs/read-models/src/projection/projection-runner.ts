import type { EventStoreDBClient, AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import {
  CatchUpSubscription,
  filterOf,
  type EventSerializer,
  type RecordedEvent,
  type SubscriptionLogger,
  type SubscriptionStall,
} from '@hirestream/event-sourcing';
import type { PoolClient } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadModelDatabase, Sql } from '../database/read-model-database';
import { lockKey } from '../database/sql-names';
import type { ProjectionBuild, ProjectionBuilds } from './projection-builds';
import type { PostgresProjection } from './projection-definition';

const LOCK_POLL_MS = 1_000;
const RETIRE_OLD_VERSIONS_EVERY_MS = 60_000;

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

/**
 * Keeps one version of a projection up to date, in one replica at a time: it
 * waits for the version's advisory lock (so another replica's runner takes over
 * when this one dies), then follows `$all` from the build's checkpoint, applying
 * each batch and moving the checkpoint in one transaction, so a crash never
 * applies an event twice or skips one. Once caught up, a building build goes
 * live and the builds it replaces are dropped. A build that a rebuild replaced
 * is noticed at the next batch, and the runner follows the new one.
 */
export class ProjectionRunner<T extends string, E extends Event> {
  private stopping = false;
  private running: Promise<void> | undefined;
  private lockClient: PoolClient | undefined;
  private subscription: CatchUpSubscription | undefined;
  private restart: (() => void) | undefined;
  private holdingLock = false;
  private caughtUp = false;
  private lastApplied: Position | undefined;
  /** The lock client's work, one transaction at a time: a batch and a promotion never interleave. */
  private onLockClient: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ProjectionRunnerOptions<T, E>) {}

  /** Whether this process runs the projection now (holds its lock). */
  get isRunner(): boolean {
    return this.holdingLock;
  }

  /** Whether this process's run has caught up with `$all` since it took the lock. */
  get isCaughtUp(): boolean {
    return this.holdingLock && this.caughtUp;
  }

  get stall(): SubscriptionStall | undefined {
    return this.subscription?.stall;
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.restart?.();
    await this.running;
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
    const client = await this.options.db.dedicatedClient();
    this.lockClient = client;
    // A lost connection loses the lock too: start over and wait for it again.
    client.on('error', () => this.restart?.());
    while (!this.stopping) {
      const { rows } = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock($1::bigint) as locked',
        [this.lockKey],
      );
      if (rows[0]?.locked === true) {
        this.holdingLock = true;
        return true;
      }
      await Promise.race([
        sleep(LOCK_POLL_MS),
        new Promise<void>((resolve) => (this.restart = resolve)),
      ]);
    }
    return false;
  }

  private releaseLock(): void {
    this.holdingLock = false;
    this.caughtUp = false;
    // Ending the session frees its advisory lock; a broken connection is thrown away.
    this.lockClient?.release(true);
    this.lockClient = undefined;
  }

  /** Follows the build to drive until stopped, replaced, or the connection fails. */
  private async drive(): Promise<void> {
    const { definition, builds } = this.options;
    const build = await this.buildToDrive();
    this.lastApplied = build.checkpoint;
    const tables = builds.tablesOf(build, definition.tables);
    const ended = new Promise<void>((resolve) => (this.restart = resolve));
    let failure: unknown;
    const subscription = new CatchUpSubscription({
      name: `${definition.name}-v${definition.version}`,
      client: this.options.client,
      filter: filterOf(definition.select),
      checkpoints: { load: async () => build.checkpoint, store: async () => undefined },
      maxBatchSize: this.options.maxBatchSize ?? 1_000,
      handle: async (batch) => {
        if (this.stopping) return;
        const applied = await this.applyBatch(build, tables, batch);
        if (!applied) this.restart?.();
      },
      onStall: this.options.onStall,
      logger: this.options.logger,
    });
    this.subscription = subscription;
    subscription.start();
    void subscription.whenCaughtUp().then(
      () => this.caughtUpWith(build),
      (error: unknown) => (failure = error),
    );
    const retire = setInterval(() => void this.retireOlderVersions(), RETIRE_OLD_VERSIONS_EVERY_MS);
    try {
      await ended;
    } finally {
      clearInterval(retire);
      await subscription.stop();
    }
    if (failure !== undefined) throw failure;
  }

  /** The live build of the version, else the newest building one (created by the host at start). */
  private async buildToDrive(): Promise<ProjectionBuild> {
    const { definition, builds } = this.options;
    const existing = await builds.ofVersion(definition.name, definition.version);
    const build = existing.find((b) => b.status === 'live') ?? existing[0];
    if (build === undefined) {
      throw new Error(`projection ${definition.name} v${definition.version} has no build yet`);
    }
    return build;
  }

  /** Applies a batch with the checkpoint; false when the build was replaced (nothing applied). */
  private async applyBatch(
    build: ProjectionBuild,
    tables: ReturnType<ProjectionBuilds['tablesOf']>,
    batch: readonly AllStreamResolvedEvent[],
  ): Promise<boolean> {
    const { definition, builds, serializer } = this.options;
    const last = batch.at(-1)?.event;
    if (last?.position === undefined || this.lockClient === undefined) return true;
    const revisions = new Map<string, bigint>();
    for (const { event } of batch)
      if (event !== undefined) revisions.set(event.streamId, event.revision);
    const events = batch.flatMap((resolved): RecordedEvent<E>[] =>
      resolved.event === undefined ||
      (definition.eventTypes !== undefined && !definition.eventTypes.has(resolved.event.type))
        ? []
        : [serializer.fromResolved<E>(resolved)],
    );
    const applied = await this.transactionOnLockClient(async (sql) => {
      const { rows } = await sql.query<{ status: string }>(
        `select status from ${builds.buildsTable}
         where name = $1 and version = $2 and generation = $3 for update`,
        [build.name, build.version, build.generation],
      );
      if (rows[0]?.status !== 'building' && rows[0]?.status !== 'live') return false;
      if (revisions.size > 0) await definition.apply(sql, tables, events, revisions);
      await builds.advance(sql, build, last.position!, last.created.toISOString(), events.length);
      return true;
    });
    if (applied) {
      this.lastApplied = last.position;
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

  private async caughtUpWith(build: ProjectionBuild): Promise<void> {
    const { builds, logger, definition } = this.options;
    try {
      if (build.status === 'building' && this.lockClient !== undefined) {
        const retired = await this.transactionOnLockClient((sql) => builds.promote(sql, build));
        for (const old of retired) await builds.dropTables(old);
        logger.info(`projection ${definition.name} v${definition.version} is live`, {
          generation: build.generation,
          retired: retired.map((b) => `v${b.version}g${b.generation}`),
        });
      }
      this.caughtUp = true;
      this.options.onCaughtUp?.({ ...build, status: 'live' }, this.lastApplied);
      await this.retireOlderVersions();
    } catch (error) {
      logger.warn(`projection ${definition.name} could not go live; retrying`, {
        error: error instanceof Error ? error.message : String(error),
      });
      this.restart?.();
    }
  }

  /** Retires and drops older versions' builds once no replica runs them any more. */
  private async retireOlderVersions(): Promise<void> {
    const { builds, db, definition } = this.options;
    if (this.lockClient === undefined || !this.caughtUp) return;
    for (const version of await builds.olderVersions(definition.name, definition.version)) {
      const key = runnerLockKey(db.schema, definition.name, version);
      const retired = await this.withLockClient(async (client) => {
        const { rows } = await client.query<{ locked: boolean }>(
          'select pg_try_advisory_lock($1::bigint) as locked',
          [key],
        );
        if (rows[0]?.locked !== true) return [];
        try {
          return await db.transaction(
            (sql) => builds.retireVersion(sql, definition.name, version),
            client,
          );
        } finally {
          await client.query('select pg_advisory_unlock($1::bigint)', [key]);
        }
      });
      for (const old of retired) await builds.dropTables(old);
    }
  }
}
