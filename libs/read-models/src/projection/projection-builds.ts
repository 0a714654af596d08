import type { Position } from '@eventstore/db-client';
import type { ReadModelDatabase, Sql } from '../database/read-model-database';
import { sqlName } from '../database/sql-names';
import type { ProjectionTables } from './projection-definition';

/**
 * One build of a projection: a version (of the code) and a generation (a
 * rebuild of the same version into fresh tables). `building` until it first
 * caught up, then `live`; `retired` once a newer build replaced it.
 */
export type ProjectionBuild = Readonly<{
  name: string;
  version: number;
  generation: number;
  status: 'building' | 'live' | 'retired';
  checkpoint: Position | undefined;
  lastEventAt: string | null;
  eventsApplied: bigint;
  caughtUpAt: string | null;
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
};

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
  };
}

/**
 * The bookkeeping of a service's projection builds, in its schema: which build
 * of each projection exists and serves, each one's checkpoint (moved in the
 * same transaction as the rows it applies) and which migrations it ran.
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

  /** Creates the bookkeeping tables (inside `ReadModelDatabase.migrate`). */
  async install(sql: Sql): Promise<void> {
    await sql.query(`create table if not exists ${this.buildsTable} (
      name text not null,
      version integer not null,
      generation integer not null,
      status text not null check (status in ('building', 'live', 'retired')),
      commit_position numeric(20, 0),
      prepare_position numeric(20, 0),
      last_event_at timestamptz,
      events_applied bigint not null default 0,
      caught_up_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (name, version, generation)
    )`);
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

  /** The build queries use: the live one of this version (or none yet). */
  async live(
    name: string,
    version: number,
    sql: Sql = this.db,
  ): Promise<ProjectionBuild | undefined> {
    return (await this.ofVersion(name, version, sql)).find((build) => build.status === 'live');
  }

  /** A new build with its tables, or undefined when its generation exists already (another got in first). */
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
    await sql.query('select pg_notify($1, $2)', [
      PROJECTION_CHANNEL,
      `${this.db.schema}:${build.name}:${build.version}:${build.generation}:${position.commit}`,
    ]);
  }

  /**
   * Marks a build caught up and, if it is not live yet, makes it the live one of
   * its version, retiring the build it replaces; returns the builds retired.
   */
  async promote(
    sql: Sql,
    build: Pick<ProjectionBuild, 'name' | 'version' | 'generation'>,
  ): Promise<ProjectionBuild[]> {
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
    await sql.query('select pg_notify($1, $2)', [
      PROJECTION_CHANNEL,
      `${this.db.schema}:${build.name}:${build.version}:${build.generation}:switch`,
    ]);
    return rows.map(buildOf);
  }

  /** Retires the builds of older versions, whose code no longer runs anywhere (their runner lock is free). */
  async retireVersion(sql: Sql, name: string, version: number): Promise<ProjectionBuild[]> {
    const { rows } = await queryRows<BuildRow>(
      sql,
      `update ${this.buildsTable} set status = 'retired', updated_at = now()
       where name = $1 and version = $2 and status <> 'retired' returning *`,
      [name, version],
    );
    return rows.map(buildOf);
  }

  /** Drops the tables of a build that was retired. */
  async dropTables(build: Pick<ProjectionBuild, 'name' | 'version' | 'generation'>): Promise<void> {
    const prefix = `${sqlName(build.name)}_v${build.version}_g${build.generation}_`;
    const { rows } = await queryRows<{ table_name: string }>(
      this.db,
      `select table_name from information_schema.tables
       where table_schema = $1 and starts_with(table_name, $2)`,
      [this.db.schema, prefix],
    );
    for (const { table_name } of rows) {
      await this.db.query(`drop table if exists ${this.db.table(table_name)}`);
    }
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
}

async function queryRows<R>(
  sql: Sql,
  text: string,
  values?: readonly unknown[],
): Promise<{ rows: R[] }> {
  return (await sql.query(text, values)) as unknown as { rows: R[] };
}
