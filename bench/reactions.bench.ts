import { END, EventStoreDBClient, eventTypeFilter } from '@eventstore/db-client';
import { candidateStreamName, hirestreamEventCatalog } from '@hirestream/contracts';
import { EventSerializer, EventStore } from '@hirestream/event-sourcing';
import {
  loadConfig,
  PlatformConfig,
  signDevelopmentToken,
  type ServiceOptions,
} from '@hirestream/platform';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { candidatesServiceOptions } from '../apps/candidates/src/candidates.service-options';
import { schedulingServiceOptions } from '../apps/scheduling/src/scheduling.service-options';
import { candidateStreamFacts } from '../test/support/candidate-stream-facts';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';
import { percentile } from './support/keep-alive-load';
import { readyPort } from './support/served-child';
import { serveService, withBenchServers, type BenchServers } from './support/service-bench';

// A command in one service to the event another service's reaction appends:
// a recruiter rejects a candidate over the candidates service's HTTP API at a
// steady rate; the candidates relay publishes CandidateRejected to Kafka; the
// scheduling service's consumer cancels the candidate's open interview. Each
// latency runs from the rejection's HTTP answer to the InterviewCancelled
// event reaching a subscription to the store. Both services run in their own
// processes on the embedded servers.

const SERVE_FLAG = '--serve';
const SERVICES: Readonly<Record<string, ServiceOptions>> = {
  candidates: candidatesServiceOptions,
  scheduling: schedulingServiceOptions,
};
// `npm run bench -- reactions --rate N`: commands per second (50).
const RATE_PER_SECOND = Number(
  parseArgs({ options: { rate: { type: 'string', default: '50' } }, strict: false }).values.rate,
);
if (!Number.isInteger(RATE_PER_SECOND) || RATE_PER_SECOND < 1 || RATE_PER_SECOND > 1000) {
  throw new Error('--rate must be a whole number of commands per second, 1 to 1000');
}
const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = 10;
const PRIMERS = 30;
/** How long the primers' reactions may take, while the consumer joins its group and catches up. */
const PRIMING_TIMEOUT_MS = 60_000;
/** How long the last reactions may take before the run counts them as lost. */
const DRAIN_MS = 10_000;
const GOAL_P99_MS = 100;

/** Candidates interviewing, each with an open interview, written as the services would. */
async function seed(store: EventStore, count: number): Promise<string[]> {
  const context = {
    actor: { id: 'bench', role: 'system' as const },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  const candidateIds = Array.from({ length: count }, () => randomUUID());
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let id = candidateIds[next++]; id !== undefined; id = candidateIds[next++]) {
        const facts = candidateStreamFacts(id);
        const events = [...facts.interviewing(), facts.scheduled(randomUUID(), ['bench-lead'])];
        await store.append(candidateStreamName(id), events, undefined, context);
      }
    }),
  );
  return candidateIds;
}

function serve(name: string, servers: BenchServers): ChildProcess {
  return fork(__filename, [SERVE_FLAG, name], {
    execArgv: [...TYPESCRIPT_NODE_ARGS],
    env: { ...process.env, ...servers, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
}

async function benchReactions(servers: BenchServers): Promise<void> {
  const candidates = serve('candidates', servers);
  const scheduling = serve('scheduling', servers);
  const client = EventStoreDBClient.connectionString`${servers.EVENTSTORE_CONNECTION_STRING}`;
  const store = new EventStore(client, new EventSerializer(hirestreamEventCatalog));
  const subscription = client.subscribeToAll({
    fromPosition: END,
    filter: eventTypeFilter({ prefixes: ['InterviewCancelled'] }),
  });
  try {
    const [candidatesPort] = await Promise.all([readyPort(candidates), readyPort(scheduling)]);
    const total = PRIMERS + RATE_PER_SECOND * (WARMUP_SECONDS + MEASURE_SECONDS);
    const candidateIds = await seed(store, total);
    const token = await signDevelopmentToken(
      { subject: 'bench-recruiter', roles: ['recruiter'] },
      loadConfig(PlatformConfig, { AUTH_MODE: 'development' }),
    );

    const answeredAt = new Map<string, number>();
    const latencies: number[] = [];
    const measured = new Set(candidateIds.slice(PRIMERS + RATE_PER_SECOND * WARMUP_SECONDS));
    let reacted = 0;
    subscription.on('data', ({ event }) => {
      const candidateId = event?.streamId.slice('candidate-'.length) ?? '';
      const answered = answeredAt.get(candidateId);
      if (answered === undefined) return;
      reacted += 1;
      if (measured.has(candidateId)) latencies.push(performance.now() - answered);
    });

    let failed = 0;
    const reject = async (candidateId: string): Promise<void> => {
      const response = await fetch(
        `http://127.0.0.1:${candidatesPort}/candidates/${candidateId}/rejection`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ category: 'rejected-by-us', reason: 'The role was filled' }),
        },
      );
      await response.arrayBuffer();
      if (response.status === 200) answeredAt.set(candidateId, performance.now());
      else failed += 1;
    };
    // The pipeline flowing first: the topic created by the relay, the scheduling consumer
    // assigned its partitions and through the seeded candidates' own events (which it
    // reads too), so the run measures reactions, not a fresh start's backlog. Primers on
    // every partition, most likely: each key lands on one of 3 at random.
    const primers = candidateIds.slice(0, PRIMERS);
    const run = candidateIds.slice(PRIMERS);
    await Promise.all(primers.map((candidateId) => reject(candidateId)));
    const primed = performance.now() + PRIMING_TIMEOUT_MS;
    while (reacted < PRIMERS && performance.now() < primed) await sleep(50);
    if (reacted < PRIMERS) throw new Error(`${reacted} of ${PRIMERS} primers reacted to in time`);

    // Open loop: a command every 1/RATE s, whether or not the earlier ones were answered.
    const started = performance.now();
    const sent: Promise<void>[] = [];
    for (const [index, candidateId] of run.entries()) {
      const due = started + (index * 1000) / RATE_PER_SECOND;
      await sleep(Math.max(0, due - performance.now()));
      sent.push(reject(candidateId));
    }
    await Promise.all(sent);
    const deadline = performance.now() + DRAIN_MS;
    while (reacted < answeredAt.size && performance.now() < deadline) await sleep(50);

    console.log(
      `rejection (candidates, HTTP) → CandidateRejected on Kafka → scheduling cancels the open interview, ${RATE_PER_SECOND} commands/s, ${MEASURE_SECONDS} s measured after ${WARMUP_SECONDS} s:`,
    );
    console.log(
      `  ${latencies.length} of ${measured.size} measured reactions seen; failed commands: ${failed}; reactions missing after ${DRAIN_MS / 1000} s: ${answeredAt.size - reacted}`,
    );
    const p99 = percentile(latencies, 99);
    console.log(
      `  answer → reacting event: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms (goal p99 ≤ ${GOAL_P99_MS} ms)`,
    );
    if (failed > 0 || reacted < answeredAt.size) process.exitCode = 1;
  } finally {
    await subscription.unsubscribe();
    await client.dispose();
    await Promise.all([stop(candidates), stop(scheduling)]);
  }
}

if (process.argv.includes(SERVE_FLAG)) {
  const name = process.argv[process.argv.indexOf(SERVE_FLAG) + 1];
  const options = SERVICES[name];
  if (options === undefined) throw new Error(`no service ${name} to serve`);
  void serveService(options);
} else {
  withBenchServers('reactions', benchReactions).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
