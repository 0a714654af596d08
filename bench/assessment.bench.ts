import { candidateStreamName, type Event, type StampedRubric } from '@hirestream/contracts';
import { foldEvents, type EventStore } from '@hirestream/event-sourcing';
import { loadConfig, PlatformConfig, signDevelopmentToken, type Role } from '@hirestream/platform';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { assessmentServiceOptions } from '../apps/assessment/src/assessment.service-options';
import type { RecordPanelDecision } from '../apps/assessment/src/domain/panel-decision.commands';
import { panelDecisionDecider } from '../apps/assessment/src/domain/panel-decision.decider';
import type { FeedbackStateEvent } from '../apps/assessment/src/domain/feedback.state';
import { candidateStreamFacts } from '../test/support/candidate-stream-facts';
import { hoursAfter } from '../test/support/instants';
import { driveConnection, percentile, type LoadCounters } from './support/keep-alive-load';
import { measureCommands, runServiceBench, withServedService } from './support/service-bench';

// The assessment service against the embedded servers: submitting feedback over
// HTTP at concurrency 32 (throughput, latency, the service's CPU per command),
// and the debrief check for a candidate with 10 panelists over 5 rounds, over
// HTTP (a hold decision: load, fold, check every panelist's feedback, append)
// and as the pure decision on the folded state.

const CONCURRENCY = 32;
const WARMUP_MS = 2_000;
const MEASURE_MS = 8_000;
const PANELISTS = 10;
/** Candidates per connection, each with one completed interview asking all its panelists for feedback. */
const CANDIDATES_PER_CONNECTION = 60;
const ROUNDS = 5;
const DEBRIEF_CANDIDATES = 50;
const DEBRIEF_DECISIONS = 500;
const PURE_DECISIONS = 5_000;
const FIRST_INTERVIEW_AT = '2031-01-07T09:00:00Z';

const RUBRIC: StampedRubric = {
  rubricId: randomUUID(),
  version: 1,
  criteria: [
    { criterionId: 'system-design', name: 'System design', weight: 2 },
    { criterionId: 'communication', name: 'Communication', weight: 1 },
  ],
};
const SCORECARD = {
  ratings: [
    { criterionId: 'system-design', rating: 3 },
    { criterionId: 'communication', rating: null },
  ],
  strengths: 'Compared two designs and chose with reasons',
  concerns: 'Little said about testing',
  recommendation: 'yes',
} as const;
const HOLD = { decision: 'hold', rationale: 'Waiting for the reference call' } as const;

/**
 * A new candidate in `interviewing` and `rounds` completed rounds with the
 * panel, a day apart, as the candidates service, scheduling and the assessment
 * service's reaction write them: each round's interview, its completion, a
 * feedback request per panelist against `RUBRIC`, and (when `submitted`) each
 * panelist's `SCORECARD`.
 */
function candidateHistory(panel: readonly string[], rounds: number, submitted: boolean): Event[] {
  const facts = candidateStreamFacts(randomUUID());
  return [
    ...facts.interviewing(),
    ...Array.from({ length: rounds }, (_, i) =>
      facts.completedInterview({
        interviewId: randomUUID(),
        panel,
        round: i + 1,
        startsAt: hoursAfter(FIRST_INTERVIEW_AT, 24 * i),
        rubric: RUBRIC,
        feedback: submitted ? panel.map((interviewerId) => ({ interviewerId, ...SCORECARD })) : [],
      }),
    ).flat(),
  ];
}

type Seeded = Readonly<{ candidateId: string; interviewId: string }>;

/** Writes candidates through the store's client, as the services would, and returns them. */
async function seed(
  store: EventStore,
  histories: readonly (readonly Event[])[],
): Promise<Seeded[]> {
  const context = {
    actor: { id: 'bench', role: 'system' as const },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  const seeded: Seeded[] = [];
  const pending = [...histories];
  // A few appends in flight: the seeding is not what is measured, only in the way.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let events = pending.pop(); events !== undefined; events = pending.pop()) {
        const candidateId = (events[0].data as { candidateId: string }).candidateId;
        await store.append(candidateStreamName(candidateId), events, undefined, context);
        const completed = events.find((event) => event.type === 'InterviewCompleted');
        seeded.push({
          candidateId,
          interviewId: (completed?.data as { interviewId: string }).interviewId,
        });
      }
    }),
  );
  return seeded;
}

function request(path: string, token: string, body: object): Buffer {
  const json = JSON.stringify(body);
  return Buffer.from(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
  );
}

async function tokenFor(role: Role, subject: string): Promise<string> {
  return signDevelopmentToken(
    { subject, roles: [role] },
    loadConfig(PlatformConfig, { AUTH_MODE: 'development' }),
  );
}

async function measureSubmissions(child: ChildProcess, port: number, store: EventStore) {
  // Each connection has its own candidates and panel, so no two connections write one stream.
  const connections = await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, connection) => {
      const panel = Array.from({ length: PANELISTS }, (__, i) => `bench-${connection}-${i}`);
      const tokens = await Promise.all(panel.map((id) => tokenFor('interviewer', id)));
      const candidates = await seed(
        store,
        Array.from({ length: CANDIDATES_PER_CONNECTION }, () => candidateHistory(panel, 1, false)),
      );
      let next = 0;
      return () => {
        const { candidateId, interviewId } = candidates[Math.floor(next / PANELISTS)];
        const token = tokens[next % PANELISTS];
        next += 1;
        if (next > candidates.length * PANELISTS) throw new Error('the seeded requests ran out');
        return request(
          `/candidates/${candidateId}/interviews/${interviewId}/feedback`,
          token,
          SCORECARD,
        );
      };
    }),
  );
  await measureCommands({
    child,
    port,
    requests: connections,
    okStatus: 200,
    title: `submit feedback over HTTP (a ${PANELISTS}-person panel's rubric of 2 criteria), concurrency ${CONCURRENCY}`,
    noun: 'submission',
    warmupMs: WARMUP_MS,
    measureMs: MEASURE_MS,
  });
}

/** Candidates with 5 decided-to-be rounds of 10 panelists, every feedback submitted. */
async function debriefCandidates(store: EventStore): Promise<Seeded[]> {
  const panel = Array.from({ length: PANELISTS }, (_, i) => `debrief-panelist-${i}`);
  return seed(
    store,
    Array.from({ length: DEBRIEF_CANDIDATES }, () => candidateHistory(panel, ROUNDS, true)),
  );
}

async function measureDebriefs(port: number, store: EventStore, candidates: readonly Seeded[]) {
  const token = await tokenFor('hiring-manager', 'bench-hiring-manager');
  let next = 0;
  const counters: LoadCounters = { ok: 0, failed: 0, latencies: [] };
  // One request at a time: the figure is a debrief's own latency, not a queue's.
  await new Promise<void>((resolve) => {
    const socket = driveConnection(
      port,
      () => {
        if (next === DEBRIEF_DECISIONS) {
          socket.destroy();
          resolve();
        }
        const { candidateId } = candidates[next % candidates.length];
        next += 1;
        return request(`/candidates/${candidateId}/panel-decisions`, token, {
          round: ROUNDS,
          ...HOLD,
        });
      },
      counters,
      200,
    );
  });
  // The first decision on each candidate loads its whole stream; the others find it kept.
  const latencies = counters.latencies ?? [];
  const first = latencies.slice(0, candidates.length);
  const later = latencies.slice(candidates.length);
  const events = 2 + ROUNDS * (2 + 2 * PANELISTS);
  const figures = (values: number[]) =>
    `p50 ${percentile(values, 50).toFixed(2)} ms, p99 ${percentile(values, 99).toFixed(2)} ms`;
  console.log(
    `debrief over HTTP: a hold on round ${ROUNDS} of a candidate with ${PANELISTS} panelists over ${ROUNDS} rounds (${events} events, then one more per hold), ${latencies.length} decisions one at a time over ${candidates.length} candidates; failed: ${counters.failed}`,
  );
  console.log(`  the first on each candidate (its stream loaded): ${figures(first)}`);
  console.log(`  the later ones: ${figures(later)}; all: ${figures(latencies)}`);
  if (counters.failed > 0) process.exitCode = 1;

  const { events: history } = await store.readStream<FeedbackStateEvent>(
    candidateStreamName(candidates[0].candidateId),
  );
  const state = foldEvents(
    panelDecisionDecider,
    history.map((recorded) => recorded.event),
  );
  const command: RecordPanelDecision = {
    type: 'RecordPanelDecision',
    data: {
      candidateId: candidates[0].candidateId,
      decisionId: randomUUID(),
      round: ROUNDS,
      advanceTo: null,
      feedbackForCandidate: null,
      override: null,
      decidedBy: 'bench-hiring-manager',
      ...HOLD,
    },
  };
  const times: number[] = [];
  for (let i = 0; i < PURE_DECISIONS; i += 1) {
    const started = performance.now();
    panelDecisionDecider.decide(command, state);
    times.push(performance.now() - started);
  }
  console.log(
    `  the check alone (the decider on the folded state of ${history.length} events), ${PURE_DECISIONS} calls: p50 ${(percentile(times, 50) * 1000).toFixed(1)} µs, p99 ${(percentile(times, 99) * 1000).toFixed(1)} µs`,
  );
}

runServiceBench('assessment', __filename, assessmentServiceOptions, (env) =>
  withServedService(__filename, env, async ({ child, port, store }) => {
    // Written first, so that the service's subscriptions are long done with them when they are decided.
    const debriefs = await debriefCandidates(store);
    await measureSubmissions(child, port, store);
    await measureDebriefs(port, store, debriefs);
  }),
);
