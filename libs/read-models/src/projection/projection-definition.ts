import type { AllStreamRecordedEvent } from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import type { ProjectionSelection, RecordedEvent } from '@hirestream/event-sourcing';
import type { Sql } from '../database/read-model-database';
import type { PersonalColumns } from '../personal-data/personal-columns';

/** A projection's tables by their logical names, each the quoted name of the live build's table. */
export type ProjectionTables<T extends string> = Readonly<Record<T, string>>;

/**
 * A read model in PostgreSQL: its tables (created by its migrations), the
 * events it folds, and how a batch of them changes rows. A new `version`
 * (a change of tables or of `apply`) is built into new tables from the start
 * while the old version keeps serving; queries switch once it has caught up.
 */
export type PostgresProjection<T extends string, E extends Event> = Readonly<{
  /** Kebab-case, unique in the service: `candidate-list`. */
  name: string;
  version: number;
  tables: readonly T[];
  /** Which events of `$all` are read (filtered by the server). */
  select: ProjectionSelection;
  /**
   * The event types `apply` folds; others the selection lets through (other
   * services' facts in a shared stream) are passed over unread. All when absent.
   */
  eventTypes?: ReadonlySet<string>;
  /** Statements creating the tables and indexes, run once per build, in order, in one transaction. */
  migrations: (tables: ProjectionTables<T>) => readonly string[];
  /**
   * Changes the rows for a batch of events, in the batch's transaction (with the
   * checkpoint). `revisions` has the newest revision the batch read of each
   * stream, also of events passed over (for a read model keeping a stream's
   * revision, as an ETag does). `stored` has every event of the batch as the
   * store keeps it, passed-over ones too, not decoded (for a read model of the
   * stored bytes themselves, as the audit service's chain heads). Events come
   * with their personal values opened: a projection keeping one seals it with
   * `personal` under the event's `personalData.keyIds`, so it is erased with them.
   */
  apply: (
    sql: Sql,
    tables: ProjectionTables<T>,
    events: readonly RecordedEvent<E>[],
    revisions: ReadonlyMap<string, bigint>,
    stored: readonly AllStreamRecordedEvent[],
    personal: PersonalColumns,
  ) => Promise<void>;
}>;

/** Declares a projection; the identity function, so its table names type-check. */
export function postgresProjection<T extends string, E extends Event>(
  definition: PostgresProjection<T, E>,
): PostgresProjection<T, E> {
  return definition;
}
