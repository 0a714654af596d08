import type { Position } from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import type { ProjectionSelection } from '@hirestream/event-sourcing';
import type { ReadModelDatabase, Sql } from '../database/read-model-database';
import { lockKey, sqlName } from '../database/sql-names';
import type { PostgresProjection, ProjectionTables } from './projection-definition';

/**
 * One build of a projection: a version (of the code) and a generation (a
 * rebuild of the same version into fresh tables). `requested` (by
 * `npm run projections -- rebuild`) until the version's runner created its
 * tables, `building` until it first caught up, then `live`; `retired` once a
 * newer build replaced it.
 */
export type ProjectionBuild = Readonly<{
  name: string;
  version: number;
  generation: number;
  status: 'requested' | 'building' | 'live' | 'retired';
  checkpoint: Position | undefined;
  lastEventAt: string | null;
  eventsApplied: bigint;
  caughtUpAt: string | null;
  /** Which events the build reads, as its code declared it (unknown until its runner started once). */
  selection: ProjectionSelection | undefined;
  updatedAt: string;
}>;

type BuildRow = {
  name: string;
  version: number;
  generation: number;
  status: ProjectionBuild['status'];
  commit_position: string | null;
  prepare_position: string | null;
  last_event_at: Date | null;
  events_applied: string;
  caught_up_at: Date | null;
  selection: ProjectionSelection | null;
  updated_at: Date;
};

/** What a rebuild request found: the generation to follow, and whether this request created it. */
export type RebuildRequest = Readonly<{ build: ProjectionBuild; requested: boolean }>;

/** The notification channel on which a projection's runner announces applied batches and switches. */
export const PROJECTION_CHANNEL = 'hirestream_projections';

function buildOf(row: BuildRow): ProjectionBuild {
  return {
    name: row.name,
    version: row.version,
    generation: row.generation,
    status: row.status,
    checkpoint:
      row.commit_position === null
        ? undefined
        : { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position ?? '0') },
    lastEventAt: row.last_event_at?.toISOString() ?? null,
    eventsApplied: BigInt(row.events_applied),
    caughtUpAt: row.caught_up_at?.toISOString() ?? null,
    selection: row.selection ?? undefined,
    updatedAt: row.updated_at.toISOString(),
  };
}

const STATUSES = `'requested', 'building', 'live', 'retired'`;
const DROP_LOCK_TIMEOUT = '2s';

/**
 * The bookkeeping of a service's projection builds, in its schema: which build
 * of each projection exists and serves, each one's checkpoint (moved in the
 * same transaction as the rows it applies) and which events it reads.
 */
export class ProjectionBuilds {
  constructor(private readonly db: ReadModelDatabase) {}

  get buildsTable(): string {
    return this.db.table('projection_builds');
  }

  /** The tables of a build: `<projection>_v<version>_g<generation>_<table>`. */
  tablesOf<T extends string>(
    build: Pick<ProjectionBuild, 'name' | 'version' | 'generation'>,
    tables: readonly T[],
  ): ProjectionTables<T> {
    const prefix = `${sqlName(build.name)}_v${build.version}_g${build.generation}`;
    return Object.fromEntries(
      tables.map((table) => [table, this.db.table(`${prefix}_${sqlName(table)}`)]),
    ) as ProjectionTables<T>;
  }

  /** Creates the bookkeeping table, or brings one of an older layout up to date (inside `ReadModelDatabase.migrate`). */
  async install(sql: Sql): Promise<void> {
    await sql.query(`create table if not exists ${this.buildsTable} (
      name text not null,
      version integer not null,
      generation integer not null,
      status text not null constraint projection_builds_status_check check (status in (${STATUSES})),
      commit_position numeric(20, 0),
      prepare_position numeric(20, 0),
      last_event_at timestamptz,
      events_applied bigint not null default 0,
      caught_up_at timestamptz,
      selection jsonb,
      updated_at timestamptz not null default now(),
      primary key (name, version, generation)
    )`);
    const { rows } = await sql.query(
      `select 1 from information_schema.columns
       where table_schema = $1 and table_name = 'projection_builds' and column_name = 'selection'`,
      [this.db.schema],
    );
    if (rows.length > 0) return;
    // The first layout had neither the selection nor the `requested` status.
    await sql.query(`alter table ${this.buildsTable} add column selection jsonb,
      drop constraint projection_builds_status_check,
      add constraint projection_builds_status_check check (status in (${STATUSES}))`);
  }

  /**
   * Makes sure the projection's version has a build: installs the bookkeeping,
   * creates the first build (with its tables) when the version has none that
   * is not retired, and records which events the version reads.
   */
  async ensure<T extends string, E extends Event>(
    definition: PostgresProjection<T, E>,
  ): Promise<void> {
    const { name, version } = definition;
    await this.db.migrate(async (sql) => {
      await this.install(sql);
      if ((await this.ofVersion(name, version, sql)).length === 0) {
        const generation = (await this.newestGeneration(sql, name, version)) + 1;
        const tables = this.tablesOf({ name, version, generation }, definition.tables);
        await this.create(sql, name, version, generation, definition.migrations(tables));
      }
      await sql.query(
        `update ${this.buildsTable} set selection = $3
         where name = $1 and version = $2 and status <> 'retired' and selection is distinct from $3`,
        [name, version, JSON.stringify(definition.select)],
      );
    });
  }

  async all(sql: Sql = this.db): Promise<ProjectionBuild[]> {
    const { rows } = await queryRows<BuildRow>(
      sql,
      `select * from ${this.buildsTable} where status <> 'retired' order by name, version, generation`,
    );
    return rows.map(buildOf);
  }

  /** The builds of one version of a projection, newest generation first. */
  async ofVersion(name: string, version: number, sql: Sql = this.db): Promise<ProjectionBuild[]> {
    const { rows } = await queryRows<BuildRow>(
      sql,
      `select * from ${this.buildsTable} where name = $1 and version = $2 and status <> 'retired'
       order by generation desc`,
      [name, version],
    );
    return rows.map(buildOf);
  }

  /** One build, whatever its status (undefined when there is no such build). */
  async one(
    build: Pick<ProjectionBuild, 'name' | 'version' | 'generation'>,
    sql: Sql = this.db,
  ): Promise<ProjectionBuild | undefined> {
    const { rows } = await queryRows<BuildRow>(
      sql,
      `select * from ${this.buildsTable} where name = $1 and version = $2 and generation = $3`,
      [build.name, build.version, build.generation],
    );
    return rows.map(buildOf)[0];
  }

  /**
   * The build queries use: the live one of this version (or none yet, also while
   * the builds table itself is not made: a store reached for the first time).
   */
  async live(
    name: string,
    version: number,
    sql: Sql = this.db,
  ): Promise<ProjectionBuild | undefined> {
    try {
      return (await this.ofVersion(name, version, sql)).find((build) => build.status === 'live');
    } catch (error) {
      if ((error as { code?: string }).code === UNDEFINED_TABLE) return undefined;
      throw error;
    }
  }

  /** A new build with its tables, or false when its generation exists already (another got in first). */
  async create(
    sql: Sql,
    name: string,
    version: number,
    generation: number,
    migrations: readonly string[],
  ): Promise<boolean> {
    const inserted = await queryRows(
      sql,
      `insert into ${this.buildsTable} (name, version, generation, status)
       values ($1, $2, $3, 'building') on conflict do nothing returning name`,
      [name, version, generation],
    );
    if (inserted.rows.length === 0) return false;
    for (const statement of migrations) await sql.query(statement);
    return true;
  }

  /**
   * Asks for a rebuild of a version from the start into a new generation, which
   * the version's runner creates and builds beside the live one (it hears of it
   * by notification, or at its next check). A rebuild already asked for or under
   * way is followed instead of asking for another.
   */
  async requestRebuild(name: string, version: number): Promise<RebuildRequest> {
    return this.db.transaction(async (sql) => {
      // One request at a time per projection, however many are made at once.
      await sql.query('select pg_advisory_xact_lock($1::bigint)', [
        lockKey(`hirestream:rebuild:${this.db.schema}:${name}`),
      ]);
      const pending = (await this.ofVersion(name, version, sql)).find(
        (build) => build.status === 'requested' || build.status === 'building',
      );
      if (pending !== undefined) return { build: pending, requested: false };
      const generation = (await this.newestGeneration(sql, name, version)) + 1;
      const { rows } = await queryRows<BuildRow>(
        sql,
        `insert into ${this.buildsTable} (name, version, generation, status, selection)
         select $1, $2, $3, 'requested', selection from ${this.buildsTable}
         where name = $1 and version = $2 and status = 'live'
         returning *`,
        [name, version, generation],
      );
      const requested = rows.map(buildOf)[0];
      if (requested === undefined) {
        throw new Error(`projection ${name} v${version} has no live build to rebuild`);
      }
      await this.announce(sql, requested, 'requested');
      return { build: requested, requested: true };
    });
  }

  /** Turns a requested build into a building one with its tables; false when it is no longer requested. */
  async startRequested(
    sql: Sql,
    build: Pick<ProjectionBuild, 'name' | 'version' | 'generation'>,
    migrations: readonly string[],
  ): Promise<boolean> {
    const { rows } = await sql.query(
      `update ${this.buildsTable} set status = 'building', updated_at = now()
       where name = $1 and version = $2 and generation = $3 and status = 'requested'
       returning name`,
      [build.name, build.version, build.generation],
    );
    if (rows.length === 0) return false;
    for (const statement of migrations) await sql.query(statement);
    return true;
  }

  /** Moves a build's checkpoint after a batch, in the batch's transaction, and announces it. */
  async advance(
    sql: Sql,
    build: Pick<ProjectionBuild, 'name' | 'version' | 'generation'>,
    position: Position,
    lastEventAt: string,
    applied: number,
  ): Promise<void> {
    await sql.query(
      `update ${this.buildsTable} set commit_position = $4, prepare_position = $5,
         last_event_at = $6, events_applied = events_applied + $7, updated_at = now()
       where name = $1 and version = $2 and generation = $3`,
      [
        build.name,
        build.version,
        build.generation,
        position.commit.toString(),
        position.prepare.toString(),
        lastEventAt,
        applied,
      ],
    );
    await this.announce(sql, build, position.commit.toString());
  }

  /**
   * Makes a build the live one of its version, retiring the builds of the
   * version it replaces, once it has applied at least what the live build has
   * (so no reader sees the projection go back in time); returns the builds
   * retired, or undefined when it is not there yet.
   */
  async promote(
    sql: Sql,
    build: Pick<ProjectionBuild, 'name' | 'version' | 'generation'>,
  ): Promise<ProjectionBuild[] | undefined> {
    const { rows: current } = await queryRows<BuildRow>(
      sql,
      `select * from ${this.buildsTable} where name = $1 and version = $2 and status <> 'retired'
       for update`,
      [build.name, build.version],
    );
    const builds = current.map(buildOf);
    const candidate = builds.find((b) => b.generation === build.generation);
    if (candidate?.status !== 'building') return undefined;
    const live = builds.find((b) => b.status === 'live' && b.generation !== build.generation);
    if (
      live?.checkpoint !== undefined &&
      (candidate.checkpoint?.commit ?? -1n) < live.checkpoint.commit
    ) {
      return undefined;
    }
    const { rows } = await queryRows<BuildRow>(
      sql,
      `update ${this.buildsTable} set status = 'retired', updated_at = now()
       where name = $1 and version = $2 and generation < $3 and status <> 'retired' returning *`,
      [build.name, build.version, build.generation],
    );
    await sql.query(
      `update ${this.buildsTable} set status = 'live', caught_up_at = coalesce(caught_up_at, now()),
         updated_at = now()
       where name = $1 and version = $2 and generation = $3`,
      [build.name, build.version, build.generation],
    );
    await this.announce(sql, build, 'switch');
    return rows.map(buildOf);
  }

  /** Retires the builds of an older version, which no replica serves any more. */
  async retireVersion(sql: Sql, name: string, version: number): Promise<ProjectionBuild[]> {
    const { rows } = await queryRows<BuildRow>(
      sql,
      `update ${this.buildsTable} set status = 'retired', updated_at = now()
       where name = $1 and version = $2 and status <> 'retired' returning *`,
      [name, version],
    );
    return rows.map(buildOf);
  }

  /**
   * Drops the tables left by the retired builds of a projection (also those a
   * crash between a promotion and its drop left behind); returns the tables
   * dropped. Fails on a table a read holds for more than 2 s (try again later).
   */
  async dropRetiredTables(name: string): Promise<string[]> {
    const { rows } = await queryRows<{ table_name: string }>(
      this.db,
      `select t.table_name from information_schema.tables t
       join ${this.buildsTable} b on b.name = $2 and b.status = 'retired'
         and starts_with(t.table_name, format('%s_v%s_g%s_', $3::text, b.version, b.generation))
       where t.table_schema = $1`,
      [this.db.schema, name, sqlName(name)],
    );
    for (const { table_name } of rows) {
      await this.db.transaction(async (sql) => {
        // A read still holding the table must not hold the drop (and the reads queued behind it) for long.
        await sql.query(`set local lock_timeout = '${DROP_LOCK_TIMEOUT}'`);
        await sql.query(`drop table if exists ${this.db.table(table_name)}`);
      });
    }
    return rows.map((row) => row.table_name);
  }

  /** The tables a build still has. */
  async tablesLeft(
    build: Pick<ProjectionBuild, 'name' | 'version' | 'generation'>,
  ): Promise<string[]> {
    const { rows } = await queryRows<{ table_name: string }>(
      this.db,
      `select table_name from information_schema.tables
       where table_schema = $1 and starts_with(table_name, $2) order by table_name`,
      [this.db.schema, `${sqlName(build.name)}_v${build.version}_g${build.generation}_`],
    );
    return rows.map((row) => row.table_name);
  }

  /** The versions older than `version` that still have builds. */
  async olderVersions(name: string, version: number): Promise<number[]> {
    const { rows } = await queryRows<{ version: number }>(
      this.db,
      `select distinct version from ${this.buildsTable}
       where name = $1 and version < $2 and status <> 'retired'`,
      [name, version],
    );
    return rows.map((row) => row.version);
  }

  /** The highest generation a version ever had (retired ones too), 0 when none. */
  private async newestGeneration(sql: Sql, name: string, version: number): Promise<number> {
    const { rows } = await queryRows<{ generation: number | null }>(
      sql,
      `select max(generation) as generation from ${this.buildsTable} where name = $1 and version = $2`,
      [name, version],
    );
    return rows[0]?.generation ?? 0;
  }

  /** Tells every replica's `ProjectionWatch` what happened to a build: a checkpoint, `switch` or `requested`. */
  private async announce(
    sql: Sql,
    build: Pick<ProjectionBuild, 'name' | 'version' | 'generation'>,
    news: string,
  ): Promise<void> {
    await sql.query('select pg_notify($1, $2)', [
      PROJECTION_CHANNEL,
      `${this.db.schema}:${build.name}:${build.version}:${build.generation}:${news}`,
    ]);
  }
}

/** The schemas of a database (one per service) that hold projection builds, by name. */
export async function schemasWithProjections(sql: Sql): Promise<string[]> {
  const { rows } = await queryRows<{ table_schema: string }>(
    sql,
    `select table_schema from information_schema.tables where table_name = 'projection_builds'
     order by table_schema`,
  );
  return rows.map((row) => row.table_schema);
}

/** PostgreSQL's error code for a table that does not exist. */
const UNDEFINED_TABLE = '42P01';

async function queryRows<R>(
  sql: Sql,
  text: string,
  values?: readonly unknown[],
): Promise<{ rows: R[] }> {
  return (await sql.query(text, values)) as unknown as { rows: R[] };
}
