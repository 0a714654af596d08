import { EventStoreDBClient } from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import {
  EventSerializer,
  OwnWrites,
  selects,
  SubscriptionHealth,
} from '@hirestream/event-sourcing';
import { JsonLogger, PlatformConfig, runsBackgroundWork } from '@hirestream/platform';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import { ReadModelDatabase, type Sql } from '../database/read-model-database';
import { isUnavailable, ReadModelUnavailableError } from '../database/read-model-unavailable.error';
import { ProjectionBuilds, type ProjectionBuild } from './projection-builds';
import type { PostgresProjection, ProjectionTables } from './projection-definition';
import { ProjectionMetrics } from './projection-metrics';
import { ProjectionRunner } from './projection-runner';
import { ProjectionWatch } from './projection-watch';
import { PersonalColumns } from '../personal-data/personal-columns';

/** How long a read waits for the caller's own writes to reach the projection. */
export const OWN_WRITES_TIMEOUT_MS = 5_000;
const POLL_MS = 50;
const LOOK_FOR_LIVE_MS = 2_000;

/** An injectable serving one PostgreSQL projection's reads, and running it when this replica holds its lock. */
export interface PostgresProjectionHost<T extends string>
  extends OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly name: string;
  /** Whether the projection serves: its build is live (caught up at least once). */
  readonly isCaughtUp: boolean;
  /**
   * Runs a query against the live build's tables. A store that cannot be
   * reached is `ReadModelUnavailableError` (503).
   */
  read<R>(query: (sql: Sql, tables: ProjectionTables<T>) => Promise<R>): Promise<R>;
  /** Opens the personal values the projection keeps sealed (see `PersonalColumns`). */
  readonly personal: PersonalColumns;
  /**
   * Resolves once the projection has applied this process's own writes to the
   * stream (or to any stream it reads), so a caller reads what it just wrote;
   * after `OWN_WRITES_TIMEOUT_MS` it resolves anyway.
   */
  afterOwnWrites(streamName?: string): Promise<void>;
}

/**
 * The base class of a service's PostgreSQL projection: extend it as an
 * `@Injectable()` provider (needs `ReadModelModule`). Every replica serves reads
 * from the live build; one at a time runs the projection (see
 * `ProjectionRunner`), never one with `ROLE=api`. The readiness check `name`
 * passes once the build is live.
 */
export function PostgresProjectionHost<T extends string, E extends Event>(
  definition: PostgresProjection<T, E>,
): Type<PostgresProjectionHost<T>> {
  @Injectable()
  class Host implements PostgresProjectionHost<T> {
    readonly name = definition.name;
    readonly personal: PersonalColumns;
    private readonly runner: ProjectionRunner<T, E>;
    private live: ProjectionBuild | undefined;
    /** The newest commit position the live build is known to have applied. */
    private applied = -1n;
    private readonly waiters = new Set<{ position: bigint; resolve: () => void }>();
    private unsubscribe: (() => void) | undefined;
    private lookForLive: NodeJS.Timeout | undefined;
    /** Set by Nest after construction; a host built by hand (tests) runs its projection. */
    @Inject(PlatformConfig) private readonly config: PlatformConfig | undefined;

    constructor(
      private readonly db: ReadModelDatabase,
      private readonly builds: ProjectionBuilds,
      private readonly watch: ProjectionWatch,
      @Inject(EventStoreDBClient) client: EventStoreDBClient,
      serializer: EventSerializer,
      private readonly ownWrites: OwnWrites,
      private readonly logger: JsonLogger,
      health: SubscriptionHealth,
      metrics: ProjectionMetrics,
    ) {
      this.personal = new PersonalColumns(serializer.vault);
      const log = (level: 'info' | 'warn' | 'error') => (message: string, details?: object) =>
        logger.pino[level]({ context: definition.name, ...details }, message);
      this.runner = new ProjectionRunner({
        definition,
        db,
        builds,
        client,
        serializer,
        logger: { info: log('info'), warn: log('warn'), error: log('error') },
        onStall: health.onStall,
        onApplied: (build, position) => this.noteApplied(build, position.commit),
        onCaughtUp: (build, applied) => this.goLive(build, applied?.commit),
      });
      health.watch(
        definition.name,
        () => ({ isCaughtUp: this.isCaughtUp, stall: this.runner.stall }),
        true,
      );
      metrics.track(this);
    }

    get isCaughtUp(): boolean {
      return this.runner.isRunner ? this.runner.isCaughtUp : this.live?.caughtUpAt != null;
    }

    /** Seconds since the newest event the live build applied, while it is behind; 0 when caught up. */
    get lagSeconds(): number {
      if (this.isCaughtUp) return 0;
      const at = this.live?.lastEventAt;
      return at === null || at === undefined ? 0 : (Date.now() - Date.parse(at)) / 1000;
    }

    async onModuleInit(): Promise<void> {
      this.watch.serve(definition.name, definition.version);
      try {
        await this.builds.ensure(definition);
      } catch (error) {
        // Unreachable now: the runner creates the build once it can. Anything else stops the start.
        if (!(error instanceof ReadModelUnavailableError)) {
          throw new Error(
            `the migrations of projection ${definition.name} v${definition.version} failed: ${
              error instanceof Error ? error.message : String(error)
            }`,
            { cause: error },
          );
        }
        this.logger.pino.warn({ context: definition.name }, error.message);
      }
    }

    onApplicationBootstrap(): void {
      this.unsubscribe = this.watch.subscribe((name, version, generation, news) => {
        if (name !== definition.name || version !== definition.version) return;
        if (news === 'switch') {
          this.live = undefined;
          void this.refreshLive().catch(() => undefined);
        } else if (news === 'requested') this.runner.wake();
        else if (generation === this.live?.generation && /^\d+$/.test(news)) {
          this.noteApplied(this.live, BigInt(news));
        }
      });
      void this.refreshLive().catch(() => undefined);
      // A replica not running the projection learns that its build went live from a
      // notification, and from this look in case it missed the notification.
      this.lookForLive = setInterval(() => {
        if (!this.isCaughtUp) void this.refreshLive().catch(() => undefined);
      }, LOOK_FOR_LIVE_MS);
      if (this.config === undefined || runsBackgroundWork(this.config)) this.runner.start();
    }

    async beforeApplicationShutdown(): Promise<void> {
      this.unsubscribe?.();
      clearInterval(this.lookForLive);
      await this.runner.stop();
      for (const waiter of [...this.waiters]) waiter.resolve();
    }

    async read<R>(query: (sql: Sql, tables: ProjectionTables<T>) => Promise<R>): Promise<R> {
      for (let attempt = 1; ; attempt += 1) {
        const build = this.live ?? (await this.refreshLive());
        if (build === undefined) {
          throw new ReadModelUnavailableError(`projection ${definition.name} is still being built`);
        }
        try {
          return await query(this.db, this.builds.tablesOf(build, definition.tables));
        } catch (error) {
          if (isUnavailable(error)) throw new ReadModelUnavailableError((error as Error).message);
          // A rebuild went live and dropped these tables: read the new ones.
          if ((error as { code?: string }).code === '42P01' && attempt === 1) {
            this.live = undefined;
            continue;
          }
          throw error;
        }
      }
    }

    afterOwnWrites(streamName?: string): Promise<void> {
      const awaited = this.ownWrites.latestPosition(
        (write) => selects(definition.select, write),
        streamName,
      );
      if (awaited === undefined || awaited <= this.applied) return Promise.resolve();
      return new Promise((resolve) => {
        const waiter = { position: awaited, resolve: () => finish() };
        const deadline = setTimeout(() => finish(), OWN_WRITES_TIMEOUT_MS);
        // Another replica's runner may apply it: its notification, or this poll, says so. A store
        // that cannot be reached will not apply it soon: the read answers 503 at once instead.
        const poll = setInterval(
          () =>
            void this.refreshLive().catch((error: unknown) => {
              if (error instanceof ReadModelUnavailableError || isUnavailable(error)) finish();
            }),
          POLL_MS * 4,
        );
        const finish = () => {
          clearTimeout(deadline);
          clearInterval(poll);
          this.waiters.delete(waiter);
          resolve();
        };
        this.waiters.add(waiter);
      });
    }

    private async refreshLive(): Promise<ProjectionBuild | undefined> {
      const live = await this.builds.live(definition.name, definition.version);
      // A refresh that started before this runner's promotion must not undo it.
      if (live === undefined) return this.live;
      this.live = live;
      if (live.checkpoint !== undefined) this.noteApplied(live, live.checkpoint.commit);
      return live;
    }

    private goLive(build: ProjectionBuild, applied: bigint | undefined): void {
      this.live = build;
      if (applied !== undefined) this.noteApplied(build, applied);
    }

    /** Own writes count as read once the live build has them: a building build serves no reads. */
    private noteApplied(build: Pick<ProjectionBuild, 'generation'>, commit: bigint): void {
      if (build.generation !== this.live?.generation) return;
      if (commit > this.applied) this.applied = commit;
      for (const waiter of [...this.waiters]) {
        if (waiter.position <= this.applied) waiter.resolve();
      }
    }
  }
  return Host;
}
