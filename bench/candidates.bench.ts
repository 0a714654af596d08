import { EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import {
  candidateStreamName,
  hirestreamEventCatalog,
  type CandidateEvent,
} from '@hirestream/contracts';
import {
  CommandGateway,
  EventSerializer,
  EventStore,
  foldEvents,
} from '@hirestream/event-sourcing';
import { loadConfig, PlatformConfig, signDevelopmentToken } from '@hirestream/platform';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { candidatesServiceOptions } from '../apps/candidates/src/candidates.service-options';
import {
  candidateAggregate,
  candidateDecider,
} from '../apps/candidates/src/domain/candidate.decider';
import { driveConnection, percentile, type LoadCounters } from './support/keep-alive-load';
import { childCpuMicros, readyPort } from './support/served-child';
import { serveService, withBenchServers } from './support/service-bench';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';
import { candidateHistory } from './support/candidate-history';

// The candidates service against the embedded servers: register-candidate over
// HTTP at concurrency 32 (throughput, latency, the service's CPU per command),
// folding a 1,000-event candidate next to JSON.parse of the same bytes, and
// loading a 500-event candidate from the embedded store (from its snapshot, and whole).

// CANDIDATES_BENCH_PROFILE_DIR=DIR writes a V8 CPU profile of the service process there.
const profileDir = process.env.CANDIDATES_BENCH_PROFILE_DIR;
const SERVE_FLAG = '--serve';
const CONCURRENCY = 32;
const WARMUP_MS = 2_000;
const MEASURE_MS = 8_000;

async function benchCommands(env: Record<string, string>): Promise<void> {
  const child = fork(__filename, [SERVE_FLAG], {
    execArgv: [
      ...TYPESCRIPT_NODE_ARGS,
      ...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]),
    ],
    // At the level a deployed service logs, so the request lines are part of what is measured.
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const port = await readyPort(child);
    const token = await signDevelopmentToken(
      { subject: 'bench', roles: ['recruiter'] },
      loadConfig(PlatformConfig, { AUTH_MODE: 'development' }),
    );
    const body = JSON.stringify({
      fullName: 'Bench Candidate',
      email: 'bench@example.org',
      phone: '+1 555 0100',
      jobId: 'job-bench',
      source: 'benchmark',
      resumeRef: 'resumes/bench.pdf',
    });
    const request = Buffer.from(
      `POST /candidates HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    const warmup: LoadCounters = { ok: 0, failed: 0 };
    let sockets = Array.from({ length: CONCURRENCY }, () =>
      driveConnection(port, request, warmup, 201),
    );
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    sockets.forEach((socket) => socket.destroy());

    const counters: LoadCounters = { ok: 0, failed: 0, latencies: [] };
    const cpuBefore = await childCpuMicros(child);
    const started = performance.now();
    sockets = Array.from({ length: CONCURRENCY }, () =>
      driveConnection(port, request, counters, 201),
    );
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    sockets.forEach((socket) => socket.destroy());
    const seconds = (performance.now() - started) / 1000;
    const cpuMicros = (await childCpuMicros(child)) - cpuBefore;
    const latencies = counters.latencies ?? [];
    console.log(
      `register-candidate over HTTP, concurrency ${CONCURRENCY}, ${MEASURE_MS / 1000} s:`,
    );
    console.log(
      `  ${Math.round(counters.ok / seconds)} commands/s (target ≥ 1,000); failed: ${counters.failed}`,
    );
    console.log(
      `  latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (target p99 < 50 ms)`,
    );
    console.log(`  service CPU ${Math.round(cpuMicros / counters.ok)} µs per command`);
    if (counters.failed > 0) process.exitCode = 1;
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function benchFold(): void {
  const serializer = new EventSerializer(hirestreamEventCatalog);
  const context = {
    actor: { id: 'r-1', role: 'recruiter' as const },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  const stored = candidateHistory(1_000, 8).map((event, revision) => {
    const data = serializer.toEventData(event, context, new Date());
    return {
      id: data.id,
      type: data.type,
      revision: BigInt(revision),
      data: Buffer.from(JSON.stringify(data.data)),
      metadata: Buffer.from(JSON.stringify(data.metadata)),
    };
  });
  const decodeAndFold = () =>
    foldEvents(
      candidateDecider,
      stored.map((s) => {
        const resolved = {
          event: {
            streamId: 'candidate-bench',
            id: s.id,
            revision: s.revision,
            type: s.type,
            data: JSON.parse(s.data.toString()),
            metadata: JSON.parse(s.metadata.toString()),
            isJson: true,
            created: new Date(),
          },
        } as unknown as ResolvedEvent;
        return serializer.fromResolved<CandidateEvent>(resolved).event;
      }),
    );
  const parseOnly = () =>
    stored.map((s) => [JSON.parse(s.data.toString()), JSON.parse(s.metadata.toString())]);
  const rate = (fn: () => unknown): number => {
    for (let i = 0; i < 50; i += 1) fn();
    const rounds = 300;
    const started = performance.now();
    for (let i = 0; i < rounds; i += 1) fn();
    return (rounds * stored.length) / ((performance.now() - started) / 1000);
  };
  const fold = rate(decodeAndFold);
  const parse = rate(parseOnly);
  console.log('rebuild of a 1,000-event candidate in memory:');
  console.log(`  decode + upcast + evolve: ${Math.round(fold).toLocaleString('en')} events/s`);
  console.log(`  JSON.parse of the same bytes: ${Math.round(parse).toLocaleString('en')} events/s`);
  console.log(`  ratio ${(fold / parse).toFixed(2)} (target ≥ 0.5)`);
}

async function benchLoad(connectionString: string): Promise<void> {
  const client = EventStoreDBClient.connectionString`${connectionString}`;
  const store = new EventStore(client, new EventSerializer(hirestreamEventCatalog));
  const history = candidateHistory(500, 8);
  const streamName = candidateStreamName(history[0].data.candidateId);
  const context = {
    actor: { id: 'r-1', role: 'recruiter' as const },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  for (let i = 0; i < history.length; i += 100) {
    await store.append(
      streamName,
      history.slice(i, i + 100),
      i === 0 ? undefined : BigInt(i - 1),
      context,
    );
  }
  const timeLoads = async (load: () => Promise<unknown>): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < 220; i += 1) {
      const started = performance.now();
      await load();
      if (i >= 20) times.push(performance.now() - started);
    }
    return times;
  };
  // A cold load as a replica that kept nothing makes it (the first, a warm-up one, stores the
  // snapshot), a load of a stream the gateway kept (only what was appended since is read),
  // and reading the whole stream as before snapshots.
  const cold = () => new CommandGateway(store, candidateAggregate, { cacheSize: 0 });
  const withSnapshot = await timeLoads(() => cold().load(streamName));
  const kept = new CommandGateway(store, candidateAggregate);
  const keptLoads = await timeLoads(() => kept.load(streamName));
  const wholeStream = await timeLoads(async () => {
    const { events } = await store.readStream<CandidateEvent>(streamName);
    foldEvents(
      candidateDecider,
      events.map((e) => e.event),
    );
  });
  await client.dispose();
  console.log(
    'load a 500-event candidate from the embedded store (read + decode + fold), 200 loads:',
  );
  const report = (label: string, times: number[]): void =>
    console.log(
      `  ${label}: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`,
    );
  report('from its snapshot (target p99 < 10 ms)', withSnapshot);
  report('kept by the gateway, reading what was appended since', keptLoads);
  report('whole stream, no snapshot', wholeStream);
}

async function main(): Promise<void> {
  await withBenchServers('candidates', async (servers) => {
    await benchCommands(servers);
    benchFold();
    await benchLoad(servers.EVENTSTORE_CONNECTION_STRING);
  });
}

if (process.argv.includes(SERVE_FLAG)) {
  void serveService(candidatesServiceOptions);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
