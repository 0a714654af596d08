import { EventCatalog, eventContract, type EventOf } from '@hirestream/contracts';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { EventSerializer, type EventStore } from '@hirestream/event-sourcing';
import { Type } from '@sinclair/typebox';
import {
  postgresProjection,
  ProjectionBuilds,
  ProjectionRunner,
  type PostgresProjection,
  type ReadModelDatabase,
} from '../../src';
import type { ProjectionRunnerOptions } from '../../src/projection/projection-runner';
import { testContext } from '../../../event-sourcing/test/support/embedded-store';

const tallyTicked = eventContract({
  type: 'TallyTicked',
  owner: 'read-model-tests',
  description: 'one more tick of a tally',
  schemaVersion: 1,
  data: { tick: Type.Integer({ minimum: 0 }) },
});
export type TallyEvent = EventOf<typeof tallyTicked>;
export const tallyCatalog = new EventCatalog([tallyTicked]);

/** The schema (service) the tally projection lives in. */
export const TALLY_SERVICE = 'tallies';
export const TALLY_STREAM_PREFIX = 'tally-';

export type TallyTables = 'applications';
export type TallyProjection = PostgresProjection<TallyTables, TallyEvent>;

/**
 * A projection that records every application of an event as a row (no unique
 * key), tagged with who applied it: an event applied twice shows as two rows,
 * one skipped as none. `afterInsert` runs inside the batch's transaction, after
 * its rows are written and before the commit.
 */
export function tallyProjection(
  appliedBy: string,
  afterInsert: () => Promise<void> = async () => undefined,
): TallyProjection {
  return postgresProjection<TallyTables, TallyEvent>({
    name: 'tally',
    version: 1,
    tables: ['applications'],
    select: { streamPrefixes: [TALLY_STREAM_PREFIX] },
    eventTypes: new Set([tallyTicked.type]),
    migrations: ({ applications }) => [
      `create table ${applications} (
         stream text not null,
         revision bigint not null,
         tick integer not null,
         applied_by text not null
       )`,
    ],
    apply: async (sql, { applications }, events) => {
      await sql.query(
        `insert into ${applications} (stream, revision, tick, applied_by)
         select s, r, t, $4 from unnest($1::text[], $2::bigint[], $3::integer[]) as e(s, r, t)`,
        [
          events.map((e) => e.streamName),
          events.map((e) => e.revision.toString()),
          events.map((e) => e.event.data.tick),
          appliedBy,
        ],
      );
      await afterInsert();
    },
  });
}

type TallyRunnerOptions = Readonly<{
  definition: TallyProjection;
  db: ReadModelDatabase;
  client: EventStoreDBClient;
}> &
  Partial<
    Pick<
      ProjectionRunnerOptions<TallyTables, TallyEvent>,
      'logger' | 'onApplied' | 'onCaughtUp' | 'maxBatchSize'
    >
  >;

/** The tally projection's runner (quiet unless given a logger). */
export function tallyRunner({
  db,
  logger = { info: () => undefined, warn: () => undefined },
  ...options
}: TallyRunnerOptions): ProjectionRunner<TallyTables, TallyEvent> {
  return new ProjectionRunner({
    ...options,
    db,
    builds: new ProjectionBuilds(db),
    serializer: new EventSerializer(tallyCatalog),
    logger,
  });
}

/**
 * Appends ticks to the tally streams through the real client, one stream
 * after another, each at the revision it reached.
 */
export class TallyWriter {
  private readonly revisions = new Map<string, bigint>();
  private appends = 0;
  private ticks = 0;
  /** The commit position of the newest append. */
  lastPosition = 0n;

  constructor(
    private readonly store: EventStore,
    private readonly streams: number,
  ) {}

  get streamNames(): string[] {
    return [...this.revisions.keys()];
  }

  /** Appends `count` ticks to the next stream at once; the events written, as `stream@revision`. */
  async append(count: number): Promise<string[]> {
    const stream = `${TALLY_STREAM_PREFIX}${this.appends++ % this.streams}`;
    const events: TallyEvent[] = Array.from({ length: count }, () => ({
      type: 'TallyTicked',
      data: { tick: this.ticks++ },
    }));
    const before = this.revisions.get(stream);
    const result = await this.store.append(stream, events, before, testContext);
    this.revisions.set(stream, result.nextRevision);
    this.lastPosition = result.position ?? this.lastPosition;
    const first = before === undefined ? 0n : before + 1n;
    return events.map((_, index) => `${stream}@${first + BigInt(index)}`);
  }
}

/** Every application recorded: the event (`stream@revision`) and who applied it. */
export async function applicationsOf(
  db: ReadModelDatabase,
  definition: TallyProjection,
): Promise<{ event: string; appliedBy: string }[]> {
  const build = { name: definition.name, version: definition.version, generation: 1 };
  const { applications } = new ProjectionBuilds(db).tablesOf(build, definition.tables);
  const { rows } = await db.query<{ stream: string; revision: string; applied_by: string }>(
    `select stream, revision, applied_by from ${applications}`,
  );
  return rows.map((row) => ({ event: `${row.stream}@${row.revision}`, appliedBy: row.applied_by }));
}

/** `stream@revision` of every event stored in the tally streams, read back from EventStoreDB. */
export async function storedTicks(store: EventStore, streams: Iterable<string>): Promise<string[]> {
  const events: string[] = [];
  for (const stream of streams) {
    const read = await store.readStream(stream);
    for (const recorded of read.events) events.push(`${stream}@${recorded.revision}`);
  }
  return events;
}

/** Events that appear more than once among `applied`, with their counts. */
export function appliedTwice(applied: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const event of applied) counts.set(event, (counts.get(event) ?? 0) + 1);
  return Object.fromEntries([...counts].filter(([, count]) => count > 1));
}
