import { EventStoreDBClient, START, type Position } from '@eventstore/db-client';
import { CANDIDATE_STAGES, hirestreamEventCatalog } from '@hirestream/contracts';
import { startPostgresServer, type PostgresServer } from '@hirestream/embedded-postgres';
import { CheckpointStore, EventSerializer, filterOf } from '@hirestream/event-sourcing';
import { ProjectionBuilds, ReadModelDatabase, type ProjectionBuild } from '@hirestream/read-models';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDevstackProcess, type DevstackProcess } from '../test/support/devstack-process';
import { freePort } from '../test/support/free-port';
import { makeTempDir, removeTempDir } from '../test/support/temp-dir';
import { bearer } from '../test/support/tokens';
import {
  hiringHistory,
  seededRandom,
  skewedJob,
  type HistoryAppend,
} from './support/hiring-history';
import { driveConnection, percentile, type LoadCounters } from './support/keep-alive-load';
import { processTreeCpuSeconds, rssMegabytes } from './support/process-usage';
import { startServiceProcess, type ServiceProcess } from './support/service-process';
import { machineLoad } from './support/machine-load';
import { benchCount } from './support/bench-count';

// The candidate list, a PostgreSQL projection, run by the real candidates service (a child
// process, as `npm start` runs it) on the embedded EventStoreDB, Kafka and PostgreSQL:
// catching up on a large history beside the client's bare read of the same events,
// restarting with it projected, the list query at a million candidates, and the
// service's memory at a small and a large history.
const usage = `Usage: npm run bench -- projections [--events N] [--candidates N] [--mix hiring|candidates]
  --events      events in the store (default 1,000,000)
  --candidates  candidates in the list for the large query test (default 1,000,000)
  --mix         hiring: candidacies with their interviews, ~40 events each, one in eight
                the candidate list's (default); candidates: only the candidate list's events`;

const SMALL_HISTORY = 10_000;
const JOBS = 2_000;
const APPENDS_IN_FLIGHT = 64;
const SAMPLE_EVERY_MS = 50;
const CATCH_UP_POLL_MS = 250;
const RESTARTS = 3;
const QUERY_WARMUP_MS = 2_000;
const QUERY_MEASURE_MS = 8_000;
const SERVICE_ENTRY = 'apps/candidates/src/main.ts';
const PROJECTION = 'candidate-list';
const context = {
  actor: { id: 'recruiter-1', role: 'recruiter' as const },
  correlationId: randomUUID(),
  causationId: randomUUID(),
};

function options(): { events: number; candidates: number; candidateEventsOnly: boolean } {
  const { values } = parseArgs({
    options: {
      events: { type: 'string' },
      candidates: { type: 'string' },
      mix: { type: 'string', default: 'hiring' },
    },
  });
  if (values.mix !== 'hiring' && values.mix !== 'candidates') {
    throw new Error(`--mix must be hiring or candidates\n${usage}`);
  }
  const count = (flag: string, text: string | undefined, fallback: number): number =>
    benchCount(flag, text, fallback, usage);
  return {
    events: count('events', values.events, 1_000_000),
    candidates: count('candidates', values.candidates, 1_000_000),
    candidateEventsOnly: values.mix === 'candidates',
  };
}

const thousands = (n: number | bigint): string => n.toLocaleString('en');

/** Writes the hiring history a round at a time, many appends in flight, up to a total. */
class HistoryWriter {
  private readonly rounds: Generator<readonly HistoryAppend[]>;
  private pending: HistoryAppend[] = [];
  private readonly serializer = new EventSerializer(hirestreamEventCatalog);
  private readonly candidateTypes = new Set(hirestreamEventCatalog.typesOwnedBy('candidates'));
  written = 0;
  candidacies = 0;
  candidateEvents = 0;
  last: Position | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    total: number,
    candidateEventsOnly: boolean,
  ) {
    this.rounds = hiringHistory(total, { jobs: JOBS, candidateEventsOnly });
  }

  async writeUntil(total: number): Promise<void> {
    while (this.written < total) {
      if (this.pending.length === 0) {
        const next = this.rounds.next();
        if (next.done === true) return;
        this.pending = [...next.value];
      }
      const batch: HistoryAppend[] = [];
      let events = this.written;
      while (this.pending.length > 0 && events < total) {
        const append = this.pending.shift()!;
        batch.push(append);
        events += append.events.length;
      }
      await this.appendAll(batch);
    }
  }

  private async appendAll(appends: readonly HistoryAppend[]): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let append = appends[next++]; append !== undefined; append = appends[next++]) {
        const result = await this.client.appendToStream(
          append.streamName,
          append.events.map((event) =>
            this.serializer.toEventData(event, context, append.occurredAt),
          ),
        );
        this.written += append.events.length;
        for (const { type } of append.events) {
          if (type === 'CandidateRegistered') this.candidacies += 1;
          if (this.candidateTypes.has(type)) this.candidateEvents += 1;
        }
        if (result.position !== undefined && (this.last?.commit ?? -1n) < result.position.commit)
          this.last = result.position;
      }
    };
    await Promise.all(Array.from({ length: APPENDS_IN_FLIGHT }, lane));
  }

  /** The relay published all this long ago: its checkpoint is at the end, as in a running system. */
  async relayCaughtUp(): Promise<void> {
    if (this.last !== undefined)
      await new CheckpointStore(this.client, 'candidates-relay').store(this.last);
  }
}

/** The candidate list's build bookkeeping, read through the read-models library. */
class CandidateList {
  private readonly db: ReadModelDatabase;
  private readonly builds: ProjectionBuilds;

  constructor(databaseUrl: string) {
    this.db = new ReadModelDatabase(databaseUrl, 'candidates');
    this.builds = new ProjectionBuilds(this.db);
  }

  async build(): Promise<ProjectionBuild | undefined> {
    try {
      return (await this.builds.all()).find((build) => build.name === PROJECTION);
    } catch {
      return undefined;
    }
  }

  async table(): Promise<string> {
    const build = await this.build();
    if (build?.status !== 'live') throw new Error(`${PROJECTION} has no live build`);
    return this.builds.tablesOf(build, ['candidates']).candidates;
  }

  async rows(): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>(
      `select count(*) from ${await this.table()}`,
    );
    return Number(rows[0].count);
  }

  /** When the first batch is applied (sampled every `SAMPLE_EVERY_MS`), or undefined if none is within a minute. */
  async firstBatchSeen(): Promise<number | undefined> {
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline) {
      if (((await this.build())?.eventsApplied ?? 0n) > 0n) return performance.now();
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
    return undefined;
  }

  /** Transactions committed in the database so far (PostgreSQL's statistics, flushed within a second). */
  async commits(): Promise<number> {
    const { rows } = await this.db.query<{ commits: string }>(
      `select xact_commit as commits from pg_stat_database where datname = current_database()`,
    );
    return Number(rows[0].commits);
  }

  /** A fresh start: the service creates the first build again at its next start. */
  async drop(): Promise<void> {
    await this.db.query('drop schema if exists candidates cascade');
  }

  /**
   * Adds candidates straight into the live build's table, up to `total` rows:
   * jobs and stages drawn as the written history draws them, registrations an
   * hour apart going back from the oldest projected one.
   */
  async fillTo(total: number): Promise<number> {
    const table = await this.table();
    const missing = total - (await this.rows());
    if (missing <= 0) return 0;
    await this.db.query(
      `insert into ${table} (id, full_name, job_id, stage, registered_at, updated_at)
       select gen_random_uuid(), 'Candidate ' || i, 'job-' || floor($2 * power(random(), 2))::int,
              (array['applied', 'screening', 'interviewing', 'background-check', 'offer',
                     'rejected', 'rejected', 'rejected', 'rejected', 'withdrawn'])[1 + floor(random() * 10)::int],
              timestamptz '2024-01-01' - i * interval '1 minute',
              timestamptz '2024-01-01' - i * interval '1 minute' + interval '20 days'
       from generate_series(1, $1::int) as i`,
      [missing, JOBS],
    );
    await this.db.query(`vacuum analyze ${table}`);
    return missing;
  }

  /** The (job, stage) with the most candidates. */
  async largestSelection(): Promise<{ jobId: string; stage: string; count: number }> {
    const { rows } = await this.db.query<{ job_id: string; stage: string; count: string }>(
      `select job_id, stage, count(*) from ${await this.table()}
       group by job_id, stage order by count(*) desc limit 1`,
    );
    return { jobId: rows[0].job_id, stage: rows[0].stage, count: Number(rows[0].count) };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The real client following `$all` with the candidate list's filter, doing nothing with the events. */
async function bareRead(client: EventStoreDBClient): Promise<{ delivered: number; ms: number }> {
  const started = performance.now();
  const subscription = client.subscribeToAll({
    fromPosition: START,
    filter: filterOf({ eventTypes: hirestreamEventCatalog.typesOwnedBy('candidates') }),
  });
  let delivered = 0;
  await new Promise<void>((resolve, reject) => {
    subscription.on('data', () => (delivered += 1));
    subscription.on('caughtUp', () => resolve());
    subscription.on('error', reject);
  });
  const ms = performance.now() - started;
  await subscription.unsubscribe();
  return { delivered, ms };
}

/** GET /candidates by job and stage, 50 rows, one request at a time: latencies in ms. */
async function queryLatencies(
  port: number,
  authorization: string,
  selection: () => { jobId: string; stage: string },
): Promise<{ latencies: number[]; failed: number }> {
  const request = (): Buffer => {
    const { jobId, stage } = selection();
    return Buffer.from(
      `GET /candidates?jobId=${jobId}&stage=${stage}&limit=50 HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: ${authorization}\r\n\r\n`,
    );
  };
  const warmup: LoadCounters = { ok: 0, failed: 0 };
  let socket = driveConnection(port, request, warmup);
  await new Promise((resolve) => setTimeout(resolve, QUERY_WARMUP_MS));
  socket.destroy();
  const counters: LoadCounters = { ok: 0, failed: 0, latencies: [] };
  socket = driveConnection(port, request, counters);
  await new Promise((resolve) => setTimeout(resolve, QUERY_MEASURE_MS));
  socket.destroy();
  return { latencies: counters.latencies ?? [], failed: counters.failed + warmup.failed };
}

function timings(services: readonly ServiceProcess[]): string {
  const seconds = (ms: number): string => (ms / 1000).toFixed(2);
  return services
    .map(
      (s) =>
        `${seconds(s.readyAfterMs)} s (${seconds(s.listeningAfterMs)} s, ${s.cpuSecondsAtReady.toFixed(1)} CPU s)`,
    )
    .join(', ');
}

function printLatencies(label: string, result: { latencies: number[]; failed: number }): void {
  const { latencies, failed } = result;
  console.log(
    `  ${label}: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms ` +
      `over ${thousands(latencies.length)} requests${failed > 0 ? `, ${failed} FAILED` : ''}`,
  );
  if (failed > 0) process.exitCode = 1;
}

type Settings = ReturnType<typeof options>;

async function main(): Promise<void> {
  const settings = options();
  console.log(`machine: ${machineLoad()}`);
  const folder = await makeTempDir('projections-bench');
  try {
    const postgres = await startPostgresServer({ port: 0, dataDir: join(folder, 'postgres') });
    try {
      const devstack = await startDevstackProcess({
        dataDir: join(folder, 'devstack'),
        eventStorePort: 0,
        kafkaPort: 0,
      });
      try {
        await measure(settings, postgres, devstack);
      } finally {
        await devstack.stop();
      }
    } finally {
      await postgres.close();
    }
  } finally {
    await removeTempDir(folder);
  }
  console.log(`machine at the end: ${machineLoad()}`);
}

async function measure(
  { events, candidates, candidateEventsOnly }: Settings,
  postgres: PostgresServer,
  devstack: DevstackProcess,
): Promise<void> {
  const small = Math.min(SMALL_HISTORY, events);
  const client = EventStoreDBClient.connectionString`${devstack.eventStoreConnectionString ?? ''}`;
  const list = new CandidateList(postgres.connectionString);
  const env = {
    EVENTSTORE_CONNECTION_STRING: devstack.eventStoreConnectionString ?? '',
    KAFKA_BROKERS: devstack.kafkaBootstrapAddress ?? '',
    DATABASE_URL: postgres.connectionString,
    AUTH_MODE: 'development',
    LOG_LEVEL: 'warn',
  };
  // Polled often when the time to ready is the figure, seldom during a catch-up.
  const start = async (pollMs = 20): Promise<ServiceProcess> =>
    startServiceProcess({
      entry: SERVICE_ENTRY,
      port: await freePort(),
      env,
      timeoutMs: 30 * 60_000,
      pollMs,
    });
  /** The service started RESTARTS times in a row, each stopped before the next; the last left running. */
  const restarts = async (): Promise<ServiceProcess[]> => {
    const started: ServiceProcess[] = [];
    for (let i = 0; i < RESTARTS; i += 1) {
      await started.at(-1)?.stop();
      started.push(await start());
    }
    return started;
  };
  const authorization = await bearer('bench', ['recruiter']);
  const random = seededRandom(7);
  const anySelection = () => ({
    jobId: skewedJob(random, JOBS),
    stage: CANDIDATE_STAGES[Math.floor(random() * CANDIDATE_STAGES.length)],
  });
  let service: ServiceProcess | undefined;
  try {
    const writer = new HistoryWriter(client, events, candidateEventsOnly);
    await writer.writeUntil(small);
    await writer.relayCaughtUp();
    service = await start(CATCH_UP_POLL_MS);
    await service.stop();
    const smallRestarts = await restarts();
    service = smallRestarts.at(-1)!;
    await queryLatencies(service.port, authorization, anySelection);
    const smallRss = rssMegabytes(service.pid);
    await service.stop();

    const writeStarted = performance.now();
    await writer.writeUntil(events);
    await writer.relayCaughtUp();
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    console.log(
      `history: ${thousands(writer.written)} events written in ${writeSeconds.toFixed(0)} s ` +
        `(${thousands(Math.round((writer.written - small) / writeSeconds))} events/s, ` +
        `${APPENDS_IN_FLIGHT} appends in flight): ${thousands(writer.candidacies)} candidacies, ` +
        `${(writer.written / writer.candidacies).toFixed(1)} events each, ` +
        `${((100 * writer.candidateEvents) / writer.written).toFixed(1)}% of them the candidate list's` +
        (candidateEventsOnly ? ' (no interviews)' : ' (the others their interviews)'),
    );

    const bare = await bareRead(client);
    console.log(
      `bare read, the real client's subscribeToAll with the candidate list's filter, doing nothing:\n` +
        `  ${thousands(bare.delivered)} events delivered of ${thousands(writer.written)} in ${(bare.ms / 1000).toFixed(1)} s: ` +
        `${thousands(Math.round(writer.written / (bare.ms / 1000)))} store events/s, ` +
        `${thousands(Math.round(bare.delivered / (bare.ms / 1000)))} delivered events/s`,
    );

    // Catch-up from nothing: the service builds the list again.
    await list.drop();
    const cpuBefore = {
      postgres: processTreeCpuSeconds(postgres.pid),
      eventStore: processTreeCpuSeconds(devstack.child.pid!),
    };
    const commitsBefore = await list.commits();
    const catchUpStarted = performance.now();
    const firstBatch = list.firstBatchSeen();
    service = await start(CATCH_UP_POLL_MS);
    const readyAt = catchUpStarted + service.readyAfterMs;
    const applied = (await list.build())?.eventsApplied ?? 0n;
    const catchUpSeconds = (readyAt - ((await firstBatch) ?? catchUpStarted)) / 1000;
    const serviceCpu = service.cpuSecondsAtReady;
    const postgresCpu = processTreeCpuSeconds(postgres.pid) - cpuBefore.postgres;
    const eventStoreCpu = processTreeCpuSeconds(devstack.child.pid!) - cpuBefore.eventStore;
    const caughtUpRss = rssMegabytes(service.pid);
    // PostgreSQL's statistics reach the view within a second.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const commits = (await list.commits()) - commitsBefore;
    console.log(
      `catch-up of the candidate list by the candidates service, from nothing:\n` +
        `  ${thousands(applied)} events applied (${thousands(await list.rows())} candidates) covering ` +
        `${thousands(writer.written)} store events in ${catchUpSeconds.toFixed(1)} s (first batch to ready): ` +
        `${thousands(Math.round(writer.written / catchUpSeconds))} store events/s (target ≥ 15,000), ` +
        `${thousands(Math.round(Number(applied) / catchUpSeconds))} applied events/s; ` +
        `ready ${(service.readyAfterMs / 1000).toFixed(1)} s after the process started\n` +
        `  ${thousands(commits)} transactions, ${(Number(applied) / commits).toFixed(0)} events per batch; ` +
        `CPU seconds from the start to ready: service ${serviceCpu.toFixed(1)}, ` +
        `PostgreSQL ${postgresCpu.toFixed(1)}, EventStoreDB and Kafka ${eventStoreCpu.toFixed(1)}`,
    );
    await service.stop();

    const before = (await list.build())?.eventsApplied;
    const largeRestarts = await restarts();
    service = largeRestarts.at(-1)!;
    const after = (await list.build())?.eventsApplied;
    console.log(
      `restarts, from the process start to /health/ready 200 (target < 3 s) (listening after; CPU used by then):\n` +
        `  with ${thousands(writer.written)} events projected: ${timings(largeRestarts)}\n` +
        `  with ${thousands(small)} events projected: ${timings(smallRestarts)}\n` +
        `  events_applied ${thousands(before ?? 0n)} before the restarts, ${thousands(after ?? 0n)} after` +
        (before === after ? ' (no replay)' : ' (REPLAYED)'),
    );
    if (before !== after) process.exitCode = 1;

    console.log('GET /candidates?jobId&stage&limit=50, one request at a time, jobs drawn skewed:');
    printLatencies(
      `${thousands(await list.rows())} candidates (projected)`,
      await queryLatencies(service.port, authorization, anySelection),
    );
    console.log(
      `candidates service RSS after restarting and serving the list for ${(QUERY_WARMUP_MS + QUERY_MEASURE_MS) / 1000} s: ` +
        `${smallRss.toFixed(0)} MB at ${thousands(small)} events, ` +
        `${rssMegabytes(service.pid).toFixed(0)} MB at ${thousands(writer.written)} events ` +
        `(${caughtUpRss.toFixed(0)} MB right after catching up on them)`,
    );

    const added = await list.fillTo(candidates);
    if (added > 0) {
      const largest = await list.largestSelection();
      console.log(`  (${thousands(added)} candidates inserted with SQL, then vacuum analyze)`);
      printLatencies(
        `${thousands(await list.rows())} candidates (target p99 < 10 ms)`,
        await queryLatencies(service.port, authorization, anySelection),
      );
      printLatencies(
        `the largest selection, ${largest.jobId} in ${largest.stage} (${thousands(largest.count)} candidates)`,
        await queryLatencies(service.port, authorization, () => largest),
      );
    }
  } finally {
    await service?.stop();
    await list.close();
    await client.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
