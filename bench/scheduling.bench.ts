import { EventStoreDBClient } from '@eventstore/db-client';
import {
  candidateStreamName,
  hirestreamEventCatalog,
  type CandidateEvent,
} from '@hirestream/contracts';
import { EventSerializer, EventStore } from '@hirestream/event-sourcing';
import { loadConfig, PlatformConfig, signDevelopmentToken } from '@hirestream/platform';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { findTimes, type PanelistCalendar } from '../apps/scheduling/src/domain/find-times';
import type { Interval } from '../apps/scheduling/src/domain/intervals';
import { schedulingServiceOptions } from '../apps/scheduling/src/scheduling.service-options';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';
import { percentile } from './support/keep-alive-load';
import { readyPort } from './support/served-child';
import { measureCommands, serveService, withBenchServers } from './support/service-bench';
import { benchRegistration } from './support/candidate-history';

// The scheduling service: find-times for a 5-person panel over two weeks with
// 200 bookings per interviewer (the pure function, in process), and
// schedule-interview over HTTP against the embedded servers.

const SERVE_FLAG = '--serve';
// One connection shows what a booking's sequential store round trips cost; 32
// show throughput with the machine busy.
const CONCURRENCIES = [1, 32];
/** Enough that no candidate gets more than a dozen or so interviews in a run. */
const CANDIDATES_PER_CONNECTION = 40;
const WARMUP_MS = 2_000;
const MEASURE_MS = 8_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A small deterministic generator, so every run books the same calendars. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * 200 distinct half-hour bookings at random quarter hours over the range
 * (some outside working hours, as overridden bookings are), in neighbouring
 * European zones so that the panel has common hours to find.
 */
function busyPanel(range: Interval): PanelistCalendar[] {
  const zones = ['Europe/London', 'Europe/Berlin', 'Europe/Lisbon', 'Europe/Paris', 'UTC'];
  const random = seededRandom(7);
  const quarters = (range.end - range.start) / (15 * MINUTE);
  return zones.map((timeZone, i) => {
    const starts = new Set<number>();
    while (starts.size < 200) {
      starts.add(range.start + Math.floor(random() * (quarters - 2)) * 15 * MINUTE);
    }
    return {
      interviewerId: `panelist-${i}`,
      availability: {
        timeZone,
        workingHours: ([1, 2, 3, 4, 5] as const).map((weekday) => ({
          weekday,
          start: '09:00',
          end: '17:30',
        })),
        dailyInterviewLimit: 30,
      },
      busy: [...starts].map((start) => ({ start, end: start + 30 * MINUTE })),
    };
  });
}

function benchFindTimes(): void {
  const start = Date.parse('2030-03-04T00:00:00Z');
  const range = { start, end: start + 14 * DAY };
  const panel = busyPanel(range);
  const request = {
    panel,
    candidateBusy: [],
    range,
    durationMinutes: 60,
    stepMinutes: 15,
    maxProposals: 10,
  };
  let proposals = 0;
  for (let i = 0; i < 200; i += 1) proposals = findTimes(request).length;
  const times: number[] = [];
  for (let i = 0; i < 2_000; i += 1) {
    const started = performance.now();
    findTimes(request);
    times.push(performance.now() - started);
  }
  console.log(
    'find-times: 5 panelists in 5 zones, two weeks, 200 bookings each, 60 min, 2,000 calls:',
  );
  console.log(
    `  p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms; ${proposals} proposals`,
  );
}

/** Candidates in `interviewing`, written as the candidates service would write them. */
async function interviewingCandidates(connectionString: string, count: number): Promise<string[]> {
  const client = EventStoreDBClient.connectionString`${connectionString}`;
  const store = new EventStore(client, new EventSerializer(hirestreamEventCatalog));
  const context = {
    actor: { id: 'r-1', role: 'recruiter' as const },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const candidateId of ids) {
    const events: CandidateEvent[] = [
      benchRegistration(candidateId),
      { type: 'CandidateStageChanged', data: { candidateId, from: 'applied', to: 'interviewing' } },
    ];
    await store.append(candidateStreamName(candidateId), events, undefined, context);
  }
  await client.dispose();
  return ids;
}

/**
 * Each connection books its own candidates in turn (a candidate has a handful
 * of interviews, as in real hiring, not hundreds) with its own two panelists,
 * one hour later each time, so every request is a real booking (201) rather
 * than a clash; the panelists' calendar streams grow by one event per request.
 */
function bookings(
  candidateIds: readonly string[],
  connection: string,
  token: string,
): () => Buffer {
  let next = 0;
  const first = Date.parse('2031-01-06T00:00:00Z');
  return () => {
    const candidateId = candidateIds[next % candidateIds.length];
    const startsAt = first + next * HOUR;
    next += 1;
    const body = JSON.stringify({
      kind: 'technical',
      round: 1,
      format: 'video',
      videoLink: 'https://meet.example.org/bench',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + HOUR).toISOString(),
      candidateTimeZone: 'Europe/London',
      panel: [
        { interviewerId: `bench-lead-${connection}`, role: 'lead' },
        { interviewerId: `bench-notes-${connection}`, role: 'note-taker' },
      ],
    });
    return Buffer.from(
      `POST /candidates/${candidateId}/interviews HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };
}

/** Warms up, then measures bookings over `concurrency` connections, each its own candidate and panel. */
async function measureBookings(
  child: ChildProcess,
  port: number,
  token: string,
  connectionString: string,
  concurrency: number,
): Promise<void> {
  const candidates = await interviewingCandidates(
    connectionString,
    concurrency * CANDIDATES_PER_CONNECTION,
  );
  // One builder per connection for both phases, so the measured requests
  // book hours the warm-up did not.
  const requests = Array.from({ length: concurrency }, (_, i) =>
    bookings(
      candidates.slice(i * CANDIDATES_PER_CONNECTION, (i + 1) * CANDIDATES_PER_CONNECTION),
      `${concurrency}-${i}`,
      token,
    ),
  );
  await measureCommands({
    child,
    port,
    requests,
    okStatus: 201,
    title: `schedule-interview over HTTP (2-person panel), concurrency ${concurrency}`,
    noun: 'booking',
    warmupMs: WARMUP_MS,
    measureMs: MEASURE_MS,
  });
}

async function benchScheduling(env: Record<string, string>): Promise<void> {
  const child: ChildProcess = fork(__filename, [SERVE_FLAG], {
    execArgv: [...TYPESCRIPT_NODE_ARGS],
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const port = await readyPort(child);
    const token = await signDevelopmentToken(
      { subject: 'bench', roles: ['coordinator'] },
      loadConfig(PlatformConfig, { AUTH_MODE: 'development' }),
    );
    for (const concurrency of CONCURRENCIES) {
      await measureBookings(child, port, token, env.EVENTSTORE_CONNECTION_STRING, concurrency);
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  benchFindTimes();
  await withBenchServers('scheduling', benchScheduling);
}

if (process.argv.includes(SERVE_FLAG)) {
  void serveService(schedulingServiceOptions);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
