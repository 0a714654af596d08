import { EventStoreDBClient } from '@eventstore/db-client';
import {
  CANDIDATE_STREAM_PREFIX,
  hirestreamEventCatalog,
  type CandidateEvent,
  type Event,
  type InterviewEvent,
} from '@hirestream/contracts';
import { startPostgresServer, type PostgresServer } from '@hirestream/embedded-postgres';
import { EventSerializer, EventStore } from '@hirestream/event-sourcing';
import {
  dataKeyIdOf,
  decryptPersonalData,
  encryptPersonalData,
  LocalKeyEncryptionKey,
  PersonalDataVault,
  PostgresDataKeyStore,
  type DataKey,
} from '@hirestream/personal-data';
import { ReadModelDatabase } from '@hirestream/read-models';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeTempDir, removeTempDir } from '../test/support/temp-dir';
import { writeChained } from './support/chained-appends';
import { hiringHistory, type HistoryAppend } from './support/hiring-history';
import { withEmbeddedEventStore } from './support/embedded-event-store';
import { machineLoad } from './support/machine-load';
import { benchCount } from './support/bench-count';

// Personal data encrypted per candidacy (#17): what encrypting and decrypting cost
// per event for a typical CandidateRegistered and a typical FeedbackSubmitted
// (in-process), and the fold rate with encryption on vs off on the path services
// take: one hiring history appended through an `EventStore` whose serializer has a
// `PersonalDataVault` (data keys in an embedded PostgreSQL) and through one without,
// into the embedded EventStoreDB (a child process, as `npm start` runs it); then
// every candidate stream read back with `readStream` (sealed values opened, the
// read's keys fetched in one query) and folded, one stream after another, as a
// command's cold load reads them (the interviewer calendars, written too, hold no
// personal value). This process's CPU per event is what bounds a fold.
const usage = `Usage: npm run bench -- personal-data [--events N]
  --events  events of the hiring history written; its candidate streams are folded (default 20,000)`;

const REPEATS = 5_000;
const ROUNDS = 5;
const FOLD_ROUNDS = 3;
/** Hiring history events per candidacy open at once: candidacies run to their end, so streams have their full length. */
const EVENTS_PER_OPEN_CANDIDACY = 200;

function eventsWanted(): number {
  const { values } = parseArgs({ options: { events: { type: 'string' } } });
  return benchCount('events', values.events, 20_000, usage);
}

/** The median over rounds of the time per call of `run`, in µs. */
function microsecondsPer(calls: number, run: () => void): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    run();
    rounds.push(((performance.now() - started) * 1000) / calls);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}

function perEvent(label: string, event: Event): void {
  const marking = hirestreamEventCatalog.contractOf(event.type)!.personalData!;
  const data = event.data as Readonly<Record<string, unknown>>;
  const key: DataKey = { keyId: dataKeyIdOf(marking, data), secret: randomBytes(32) };
  const keyring = new Map([[key.keyId, key]]);
  const eventId = randomUUID();
  const encrypted = encryptPersonalData(data, marking, key, eventId);
  const encrypt = microsecondsPer(REPEATS, () => {
    for (let i = 0; i < REPEATS; i += 1) encryptPersonalData(data, marking, key, eventId);
  });
  const decrypt = microsecondsPer(REPEATS, () => {
    for (let i = 0; i < REPEATS; i += 1) decryptPersonalData(encrypted, eventId, keyring);
  });
  const plainBytes = JSON.stringify(data).length;
  const storedBytes = JSON.stringify(encrypted).length;
  console.log(
    `  ${label} (${marking.paths.length} personal fields): encrypt ${encrypt.toFixed(1)} µs/event, ` +
      `decrypt ${decrypt.toFixed(1)} µs/event; stored ${plainBytes} → ${storedBytes} bytes`,
  );
}

/** Runs `use` with an embedded PostgreSQL on a fresh folder; stops it and removes the folder after. */
async function withEmbeddedPostgres(use: (server: PostgresServer) => Promise<void>): Promise<void> {
  const folder = await makeTempDir('personal-data-bench-postgres');
  try {
    const server = await startPostgresServer({ port: 0, dataDir: join(folder, 'data') });
    try {
      await use(server);
    } finally {
      await server.close();
    }
  } finally {
    await removeTempDir(folder);
  }
}

/** What the fold keeps of a stream: a personal value, the stage and a count, so each event is read. */
type Folded = Readonly<{ name: string | null; stage: string; events: number }>;

/** The events of a candidate's stream. */
type CandidateStreamEvent = CandidateEvent | InterviewEvent;

function evolve(state: Folded, event: CandidateStreamEvent): Folded {
  switch (event.type) {
    case 'CandidateRegistered':
      return { ...state, name: event.data.fullName, events: state.events + 1 };
    case 'CandidateStageChanged':
      return { ...state, stage: event.data.to, events: state.events + 1 };
    default:
      return { ...state, events: state.events + 1 };
  }
}

type Fold = Readonly<{ events: number; opened: number; cpuMicroseconds: number; wallMs: number }>;

/** Reads every stream through `store` and folds it; this process's CPU and the wall time it took. */
async function foldAll(store: EventStore, streamNames: readonly string[]): Promise<Fold> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let events = 0;
  let opened = 0;
  for (const streamName of streamNames) {
    const read = await store.readStream<CandidateStreamEvent>(streamName);
    let state: Folded = { name: null, stage: 'applied', events: 0 };
    for (const recorded of read.events) {
      state = evolve(state, recorded.event);
      if (recorded.personalData !== undefined) opened += 1;
    }
    events += state.events;
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { events, opened, cpuMicroseconds: cpu.user + cpu.system, wallMs };
}

/** The history's appends with each stream name prefixed, so two stores keep apart in one server. */
function prefixed(rounds: readonly (readonly HistoryAppend[])[], prefix: string) {
  return rounds.map((round) =>
    round.map((append) => ({ ...append, streamName: `${prefix}${append.streamName}` })),
  );
}

async function foldRate(client: EventStoreDBClient, postgres: PostgresServer, events: number) {
  const db = new ReadModelDatabase(postgres.connectionString, 'personal_data_bench');
  const kek = new LocalKeyEncryptionKey(randomBytes(32));
  // A key store of its own has none of the keys in memory: each read fetches its keys from PostgreSQL.
  const withVault = () =>
    new EventStore(
      client,
      new EventSerializer(
        hirestreamEventCatalog,
        new PersonalDataVault(hirestreamEventCatalog, new PostgresDataKeyStore(db, kek)),
      ),
    );
  try {
    const rounds = [
      ...hiringHistory(events, {
        openCandidacies: Math.max(10, Math.round(events / EVENTS_PER_OPEN_CANDIDACY)),
      }),
    ];
    const plain = new EventStore(client, new EventSerializer(hirestreamEventCatalog));
    const sealed = withVault();
    const written = await writeChained(plain, prefixed(rounds, 'plain-'));
    await writeChained(sealed, prefixed(rounds, 'sealed-'));
    const streamNames = [...new Set(rounds.flat().map((append) => append.streamName))].filter(
      (name) => name.startsWith(CANDIDATE_STREAM_PREFIX),
    );
    const plainNames = streamNames.map((name) => `plain-${name}`);
    const sealedNames = streamNames.map((name) => `sealed-${name}`);

    const runs: Record<'plain' | 'keysFetched' | 'keysInMemory', Fold[]> = {
      plain: [],
      keysFetched: [],
      keysInMemory: [],
    };
    for (let round = 0; round < FOLD_ROUNDS; round += 1) {
      runs.plain.push(await foldAll(plain, plainNames));
      const fresh = withVault();
      runs.keysFetched.push(await foldAll(fresh, sealedNames));
      runs.keysInMemory.push(await foldAll(fresh, sealedNames));
    }
    const best = (folds: Fold[]) => ({
      cpu: Math.min(...folds.map((fold) => fold.cpuMicroseconds / fold.events)),
      wall: Math.min(...folds.map((fold) => fold.wallMs)),
    });
    const [first] = runs.keysFetched;
    console.log(
      `  a hiring history of ${written.toLocaleString('en')} events; its ${streamNames.length} candidate streams ` +
        `(${first.events.toLocaleString('en')} events, ${((first.opened / first.events) * 100).toFixed(0)}% ` +
        `with a sealed value) each read with EventStore.readStream and folded, best of ${FOLD_ROUNDS}:`,
    );
    const line = (label: string, folds: Fold[]) => {
      const { cpu, wall } = best(folds);
      console.log(
        `    ${label}: CPU ${cpu.toFixed(1)} µs/event, wall ${wall.toFixed(0)} ms ` +
          `(${Math.round((first.events / wall) * 1000).toLocaleString('en')} events/s)`,
      );
    };
    line('plain', runs.plain);
    line(
      'sealed, keys fetched from PostgreSQL (a key store with none in memory)',
      runs.keysFetched,
    );
    line('sealed, keys in memory (read again within their TTL)', runs.keysInMemory);
    const percent = (plainFigure: number, sealedFigure: number) =>
      `${((plainFigure / sealedFigure) * 100).toFixed(0)}%`;
    const without = best(runs.plain);
    const fetched = best(runs.keysFetched);
    const inMemory = best(runs.keysInMemory);
    console.log(
      `    fold rate with encryption as % of without (goal ≥ 70%): by CPU ${percent(without.cpu, fetched.cpu)} ` +
        `with keys fetched, ${percent(without.cpu, inMemory.cpu)} with keys in memory; ` +
        `by wall time ${percent(without.wall, fetched.wall)} and ${percent(without.wall, inMemory.wall)}`,
    );
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const events = eventsWanted();
  console.log(`machine: ${machineLoad()}`);
  const candidateId = randomUUID();
  perEvent('CandidateRegistered', {
    type: 'CandidateRegistered',
    data: {
      candidateId,
      personId: randomUUID(),
      fullName: 'Ada Augusta Lovelace',
      email: 'ada.lovelace@example.org',
      phone: '+44 20 7946 0958',
      jobId: 'job-7',
      source: 'referral',
      resumeRef: `resumes/${candidateId}.pdf`,
    },
  });
  perEvent('FeedbackSubmitted', {
    type: 'FeedbackSubmitted',
    data: {
      candidateId,
      interviewId: randomUUID(),
      interviewerId: 'interviewer-7',
      rubricId: randomUUID(),
      rubricVersion: 3,
      ratings: [
        { criterionId: 'system-design', rating: 3 },
        { criterionId: 'communication', rating: 4 },
      ],
      strengths:
        'Compared three designs for the rate limiter and chose one with clear reasons; ' +
        'asked about failure modes before being prompted and sketched the metrics she would watch.',
      concerns: 'Thin on operating databases at scale; hesitated on the consistency trade-offs.',
      notes: 'Would pair well with the payments team; follow up on on-call experience.',
      recommendation: 'hire',
    },
  });
  await withEmbeddedPostgres((postgres) =>
    withEmbeddedEventStore('personal-data-bench', (client) => foldRate(client, postgres, events)),
  );
  console.log(`machine at the end: ${machineLoad()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
