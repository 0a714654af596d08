import { EventStoreDBClient } from '@eventstore/db-client';
import { startEventStoreServer, type EventStoreServer } from '@hirestream/embedded-eventstore';
import { EventCatalog, eventContract, type EventOf } from '@hirestream/contracts';
import {
  EventSerializer,
  EventStore,
  OwnWrites,
  SubscriptionHealth,
} from '@hirestream/event-sourcing';
import { JsonLogger, ReadinessRegistry } from '@hirestream/platform';
import { Type } from '@sinclair/typebox';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import {
  PostgresProjectionHost,
  postgresProjection,
  ProjectionBuilds,
  ReadModelDatabase,
  type PostgresProjection,
  type ProjectionTables,
} from '../src';
import type { PostgresTarget } from '../../../test/support/postgres-targets';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { ProjectionMetrics } from '../src/projection/projection-metrics';
import { ProjectionWatch } from '../src/projection/projection-watch';

const counterAdded = eventContract({
  type: 'CounterAdded',
  owner: 'read-model-tests',
  description: 'an amount added to a counter',
  schemaVersion: 1,
  data: { counter: Type.String(), amount: Type.Integer() },
});
type CounterEvent = EventOf<typeof counterAdded>;
const counterCatalog = new EventCatalog([counterAdded]);

/** The service (schema) the counter projections live in. */
export const COUNTER_SERVICE = 'counting';

const context = {
  actor: { id: 'tester', role: 'admin' as const },
  correlationId: 'rebuild-test',
  causationId: 'rebuild-test',
};

export type CounterTotals = Record<string, { total: number; additions: number }>;
type CounterTables = 'counters';

/**
 * A projection of counters: version 1 keeps each counter's total, version 2
 * also how many additions made it (another table layout). `beforeApply` runs
 * before each batch is applied, with the build's tables (a test may hold one
 * generation back with it).
 */
export function counterProjection(
  name: string,
  version: 1 | 2,
  beforeApply: (tables: ProjectionTables<CounterTables>) => Promise<void> = async () => undefined,
): PostgresProjection<CounterTables, CounterEvent> {
  return postgresProjection<CounterTables, CounterEvent>({
    name,
    version,
    tables: ['counters'],
    select: { streamPrefixes: [`${name}-`] },
    migrations: ({ counters }) => [
      version === 1
        ? `create table ${counters} (counter text primary key, total bigint not null)`
        : `create table ${counters} (counter text primary key, total bigint not null, additions integer not null)`,
    ],
    apply: async (sql, tables, events) => {
      await beforeApply(tables);
      const batch = foldCounters(events.map(({ event }) => event.data));
      const names = Object.keys(batch);
      const totals = names.map((counter) => batch[counter].total);
      if (version === 1) {
        await sql.query(
          `insert into ${tables.counters} (counter, total) select * from unnest($1::text[], $2::bigint[])
           on conflict (counter) do update set total = ${tables.counters}.total + excluded.total`,
          [names, totals],
        );
      } else {
        await sql.query(
          `insert into ${tables.counters} (counter, total, additions)
           select * from unnest($1::text[], $2::bigint[], $3::integer[])
           on conflict (counter) do update set total = ${tables.counters}.total + excluded.total,
             additions = ${tables.counters}.additions + excluded.additions`,
          [names, totals, names.map((counter) => batch[counter].additions)],
        );
      }
    },
  });
}

/** What the counters must hold after these additions. */
export function foldCounters(
  additions: readonly Readonly<{ counter: string; amount: number }>[],
): CounterTotals {
  const totals: CounterTotals = {};
  for (const { counter, amount } of additions) {
    const current = totals[counter] ?? { total: 0, additions: 0 };
    totals[counter] = { total: current.total + amount, additions: current.additions + 1 };
  }
  return totals;
}

/** Appends additions to a projection's counter streams, remembering each for the fold. */
export class CounterWriter {
  readonly written: { counter: string; amount: number }[] = [];
  private readonly store: EventStore;
  private readonly revisions = new Map<string, bigint>();

  constructor(
    client: EventStoreDBClient,
    private readonly projection: string,
  ) {
    this.store = new EventStore(client, new EventSerializer(counterCatalog));
  }

  /** `count` additions spread over `counters` counters, a few per append. */
  async add(count: number, counters = 7): Promise<void> {
    for (let appended = 0; appended < count;) {
      const counter = `c${(this.written.length + appended) % counters}`;
      const size = Math.min(count - appended, 1 + (appended % 5));
      const additions = Array.from({ length: size }, (_, index) => ({
        counter,
        amount: 1 + ((this.written.length + index) % 9),
      }));
      const stream = `${this.projection}-${counter}`;
      const events: CounterEvent[] = additions.map((data) => ({ type: 'CounterAdded', data }));
      const result = await this.store.append(stream, events, this.revisions.get(stream), context);
      this.revisions.set(stream, result.nextRevision);
      this.written.push(...additions);
      appended += size;
    }
  }

  /** Keeps adding a few at a time until stopped. */
  keepAdding(pauseMs = 10): { stop(): Promise<void> } {
    let stopped = false;
    const adding = (async () => {
      while (!stopped) {
        await this.add(3);
        await sleep(pauseMs);
      }
    })();
    return {
      async stop() {
        stopped = true;
        await adding;
      },
    };
  }

  get expected(): CounterTotals {
    return foldCounters(this.written);
  }
}

/**
 * One replica of a service serving a counter projection, as Nest would build it:
 * its own pool and LISTEN connection, the host started and stopped in the
 * order of a Nest application's lifecycle.
 */
export class CounterReplica {
  readonly db: ReadModelDatabase;
  readonly builds: ProjectionBuilds;
  readonly host: PostgresProjectionHost<CounterTables>;
  private readonly watch: ProjectionWatch;

  private constructor(
    databaseUrl: string,
    client: EventStoreDBClient,
    readonly definition: PostgresProjection<CounterTables, CounterEvent>,
    service: string,
  ) {
    this.db = new ReadModelDatabase(databaseUrl, service);
    this.builds = new ProjectionBuilds(this.db);
    this.watch = new ProjectionWatch(this.db);
    const registry = new Registry();
    const Host = PostgresProjectionHost(definition);
    this.host = new Host(
      this.db,
      this.builds,
      this.watch,
      client,
      new EventSerializer(counterCatalog),
      new OwnWrites(),
      new JsonLogger({ service, level: 'warn' }),
      new SubscriptionHealth(new ReadinessRegistry(), registry),
      new ProjectionMetrics(registry),
    );
  }

  static async start(
    databaseUrl: string,
    client: EventStoreDBClient,
    definition: PostgresProjection<CounterTables, CounterEvent>,
    service = COUNTER_SERVICE,
  ): Promise<CounterReplica> {
    const replica = new CounterReplica(databaseUrl, client, definition, service);
    await replica.host.onModuleInit();
    replica.host.onApplicationBootstrap();
    return replica;
  }

  /** The counters as this replica's reads see them. */
  totals(): Promise<CounterTotals> {
    const version = this.definition.version;
    return this.host.read(async (sql, { counters }) => {
      const { rows } = await sql.query<{ counter: string; total: string; additions?: number }>(
        `select * from ${counters}`,
      );
      return Object.fromEntries(
        rows.map((row) => [
          row.counter,
          { total: Number(row.total), additions: version === 1 ? -1 : (row.additions ?? -1) },
        ]),
      );
    });
  }

  async stop(): Promise<void> {
    await this.host.beforeApplicationShutdown();
    await this.watch.stop();
    await this.db.close();
  }
}

/**
 * What a suite of counter projections runs on: the embedded EventStoreDB, the
 * target's database, and replicas, each stopped after its test (before the
 * target's own afterAll drops the database).
 */
export function useCounterServers(target: PostgresTarget, name: string): CounterServers {
  const servers = new CounterServers(target);
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = await makeTempDir(name);
    const eventStore = await startEventStoreServer({
      port: 0,
      dataDir: join(dataDir, 'eventstore'),
    });
    servers.started(eventStore);
  });
  afterEach(() => servers.stopReplicas());
  afterAll(async () => {
    await servers.close();
    if (dataDir !== undefined) await removeTempDir(dataDir);
  });
  return servers;
}

export class CounterServers {
  private running:
    { eventStore: EventStoreServer; client: EventStoreDBClient; db: ReadModelDatabase } | undefined;
  private readonly replicas: CounterReplica[] = [];

  constructor(private readonly target: PostgresTarget) {}

  started(eventStore: EventStoreServer): void {
    this.running = {
      eventStore,
      client: EventStoreDBClient.connectionString(eventStore.connectionString),
      db: new ReadModelDatabase(this.target.connectionString(), COUNTER_SERVICE),
    };
  }

  private get current() {
    if (this.running === undefined) throw new Error('the servers have not started');
    return this.running;
  }

  get client(): EventStoreDBClient {
    return this.current.client;
  }

  /** The counter service's schema, for looking at the builds and tables. */
  get db(): ReadModelDatabase {
    return this.current.db;
  }

  /** What a process needs to reach the servers. */
  get env(): Record<string, string> {
    return {
      DATABASE_URL: this.target.connectionString(),
      EVENTSTORE_CONNECTION_STRING: this.current.eventStore.connectionString,
    };
  }

  async start(
    definition: PostgresProjection<CounterTables, CounterEvent>,
    service = COUNTER_SERVICE,
  ): Promise<CounterReplica> {
    const replica = await CounterReplica.start(
      this.target.connectionString(),
      this.client,
      definition,
      service,
    );
    this.replicas.push(replica);
    return replica;
  }

  async stop(replica: CounterReplica): Promise<void> {
    this.replicas.splice(this.replicas.indexOf(replica), 1);
    await replica.stop();
  }

  async stopReplicas(): Promise<void> {
    for (const replica of this.replicas.splice(0)) await replica.stop();
  }

  async close(): Promise<void> {
    await this.stopReplicas();
    await this.running?.db.close();
    await this.running?.client.dispose();
    await this.running?.eventStore.close();
  }
}

/** The totals only (what version 1 keeps). */
export function totalsOnly(totals: CounterTotals): Record<string, number> {
  return Object.fromEntries(Object.entries(totals).map(([counter, { total }]) => [counter, total]));
}

/** The tables of a schema whose names start with `prefix`. */
export async function tablesStartingWith(db: ReadModelDatabase, prefix: string): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables
     where table_schema = $1 and starts_with(table_name, $2) order by table_name`,
    [db.schema, prefix],
  );
  return rows.map((row) => row.table_name);
}

/** Polls `check` until it returns a value, or fails after `timeoutMs` with the last reason. */
export async function eventually<R>(
  check: () => Promise<R | undefined>,
  timeoutMs = 20_000,
  what = 'the condition',
): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== undefined) return result;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what} did not happen within ${timeoutMs} ms${lastError === undefined ? '' : `: ${String(lastError)}`}`,
      );
    }
    await sleep(50);
  }
}
