import { EventStoreDBClient, jsonEvent, type JSONEventType } from '@eventstore/db-client';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEventStoreServer } from '@hirestream/embedded-eventstore';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';
import { machineLoad } from './support/machine-load';

// Drives the embedded EventStoreDB-compatible server (in a child process, so CPU and memory
// are its own) through the real client, and prints throughput and CPU per operation of both.

interface ServerStats {
  readonly cpuMicros: number;
  readonly rssBytes: number;
  /** The V8 heap in use and allocated, and ArrayBuffer/Buffer memory outside it. */
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  readonly externalBytes: number;
}

type ServerMessage =
  | { readonly kind: 'ready'; readonly connectionString: string }
  | ({ readonly kind: 'stats' } & ServerStats);

const SERVE_FLAG = '--serve';
/** Lists `Streams/BatchAppend`, so the client appends through it (the server's `batchAppend`). */
const BATCH_APPEND_FLAG = '--batch-append';
const PAYLOAD = { text: 'x'.repeat(220), n: 0 };
const STREAM_READ_EVENTS = 10_000;
// Both processes' JIT keeps compiling for a few thousand calls: after only 300 warm-up appends
// the measured phases still paid for optimisation (server CPU per append about twice its
// steady state, on background compiler threads).
const WARM_UP_APPENDS = 3_000;
const SINGLE_WRITER_APPENDS = 1_500;
const CONCURRENT_WRITERS = 32;
const CONCURRENT_APPENDS = 9_600;
const MEMORY_TARGET_EVENTS = 1_000_000;
const BULK_BATCH = 1_000;
const BULK_STREAMS = 4;
const IDLE_SETTLE_MS = 10_000;

async function serve(dataDir: string, batchAppend: boolean): Promise<void> {
  const server = await startEventStoreServer({ port: 0, dataDir, batchAppend });
  process.on('message', (message: string) => {
    if (message === 'stats') {
      const { user, system } = process.cpuUsage();
      const memory = process.memoryUsage();
      process.send?.({
        kind: 'stats',
        cpuMicros: user + system,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        externalBytes: memory.external,
      });
    } else if (message === 'close') {
      void server.close().then(() => process.exit(0));
    }
  });
  process.send?.({ kind: 'ready', connectionString: server.connectionString });
}

function event(n: number) {
  return jsonEvent<JSONEventType>({ type: 'BenchEvent', data: { ...PAYLOAD, n } });
}

class ServerProcess {
  private constructor(private readonly child: ChildProcess) {}

  static async start(
    dataDir: string,
  ): Promise<{ server: ServerProcess; connectionString: string }> {
    const batchAppend = process.argv.includes(BATCH_APPEND_FLAG) ? [BATCH_APPEND_FLAG] : [];
    const child = fork(__filename, [SERVE_FLAG, dataDir, ...batchAppend], {
      execArgv: [...TYPESCRIPT_NODE_ARGS],
    });
    const [message] = (await once(child, 'message')) as [ServerMessage];
    if (message.kind !== 'ready') throw new Error('server did not report ready');
    return { server: new ServerProcess(child), connectionString: message.connectionString };
  }

  async stats(): Promise<ServerStats> {
    this.child.send('stats');
    const [message] = (await once(this.child, 'message')) as [ServerMessage];
    if (message.kind !== 'stats') throw new Error('unexpected message from server');
    return message;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.send('close');
    await once(this.child, 'exit');
  }
}

interface Measurement {
  readonly name: string;
  readonly operations: number;
  readonly unit: string;
  readonly seconds: number;
  readonly serverMicrosPerOp: number;
  readonly clientMicrosPerOp: number;
}

async function measure(
  server: ServerProcess,
  name: string,
  unit: string,
  run: () => Promise<number>,
): Promise<Measurement> {
  const serverBefore = await server.stats();
  const clientBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const operations = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const client = process.cpuUsage(clientBefore);
  const serverAfter = await server.stats();
  return {
    name,
    operations,
    unit,
    seconds,
    serverMicrosPerOp: (serverAfter.cpuMicros - serverBefore.cpuMicros) / operations,
    clientMicrosPerOp: (client.user + client.system) / operations,
  };
}

async function appendSequentially(client: EventStoreDBClient, count: number): Promise<void> {
  const stream = `bench-writer-${randomUUID()}`;
  for (let i = 0; i < count; i += 1) {
    await client.appendToStream(stream, event(i), {
      expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1),
    });
  }
}

async function fillStream(
  client: EventStoreDBClient,
  stream: string,
  count: number,
): Promise<void> {
  for (let written = 0; written < count; written += BULK_BATCH) {
    const batch = Array.from({ length: Math.min(BULK_BATCH, count - written) }, (_, i) =>
      event(written + i),
    );
    await client.appendToStream(stream, batch);
  }
}

function megabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

/** RSS with what it is made of: V8 heap (used/allocated) and Buffer memory outside it. */
function memory(stats: ServerStats): string {
  return (
    `${megabytes(stats.rssBytes)} MB (heap ${megabytes(stats.heapUsedBytes)}/` +
    `${megabytes(stats.heapTotalBytes)} MB, buffers ${megabytes(stats.externalBytes)} MB)`
  );
}

function print(measurement: Measurement, target: string): void {
  const rate = measurement.operations / measurement.seconds;
  const ratio = measurement.serverMicrosPerOp / measurement.clientMicrosPerOp;
  console.log(
    `${measurement.name.padEnd(34)} ${rate.toFixed(0).padStart(8)} ${measurement.unit}/s   ` +
      `server ${measurement.serverMicrosPerOp.toFixed(1).padStart(6)} µs/op   client ${measurement.clientMicrosPerOp
        .toFixed(1)
        .padStart(6)} µs/op   server/client ${ratio.toFixed(2)}   (${target})`,
  );
}

async function main(): Promise<void> {
  console.log(`machine: ${machineLoad()}`);
  console.log(
    process.argv.includes(BATCH_APPEND_FLAG)
      ? 'appends through Streams/BatchAppend (--batch-append)'
      : 'appends through Streams/Append (--batch-append: through Streams/BatchAppend)',
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'hirestream-eventstore-bench-'));
  const { server, connectionString } = await ServerProcess.start(dataDir);
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    // Warm both processes' JIT up first, so the figures are steady-state costs.
    await appendSequentially(client, WARM_UP_APPENDS);
    for (let pass = 0; pass < 3; pass += 1)
      for await (const resolved of client.readAll({ maxCount: WARM_UP_APPENDS })) void resolved;
    console.log('durable appends, 256-byte JSON events, one event per append, distinct streams');
    print(
      await measure(server, 'appends, 1 writer', 'appends', async () => {
        await appendSequentially(client, SINGLE_WRITER_APPENDS);
        return SINGLE_WRITER_APPENDS;
      }),
      'target: server CPU ≤ half the client',
    );
    print(
      await measure(server, `appends, ${CONCURRENT_WRITERS} writers`, 'appends', async () => {
        const perWriter = CONCURRENT_APPENDS / CONCURRENT_WRITERS;
        await Promise.all(
          Array.from({ length: CONCURRENT_WRITERS }, () => appendSequentially(client, perWriter)),
        );
        return CONCURRENT_APPENDS;
      }),
      'target: ≥ 3,000/s, server CPU ≤ half the client',
    );

    const stream = `bench-read-${randomUUID()}`;
    await fillStream(client, stream, STREAM_READ_EVENTS);
    console.log('reads');
    print(
      await measure(server, `read one ${STREAM_READ_EVENTS}-event stream`, 'events', async () => {
        let count = 0;
        for await (const resolved of client.readStream(stream)) if (resolved.event) count += 1;
        return count;
      }),
      'target: ≥ 20,000/s, server CPU ≤ half the client',
    );
    print(
      await measure(server, 'read $all', 'events', async () => {
        let count = 0;
        for await (const resolved of client.readAll()) if (resolved.event) count += 1;
        return count;
      }),
      'target: ≥ 20,000/s, server CPU ≤ half the client',
    );
    print(
      await measure(server, 'catch-up subscription to $all', 'events', async () => {
        const subscription = client.subscribeToAll();
        let count = 0;
        const caughtUp = once(subscription, 'caughtUp');
        subscription.on('data', () => {
          count += 1;
        });
        await caughtUp;
        await subscription.unsubscribe();
        return count;
      }),
      'catch-up then live',
    );

    const stored = await server.stats();
    console.log(
      `storing ${MEMORY_TARGET_EVENTS.toLocaleString('en')} events (batches of ${BULK_BATCH}, ${BULK_STREAMS} streams)…`,
    );
    const streams = Array.from({ length: BULK_STREAMS }, () => `bench-bulk-${randomUUID()}`);
    const remaining =
      MEMORY_TARGET_EVENTS -
      WARM_UP_APPENDS -
      STREAM_READ_EVENTS -
      SINGLE_WRITER_APPENDS -
      CONCURRENT_APPENDS;
    const bulkStarted = Date.now();
    await Promise.all(
      streams.map(async (bulkStream, index) => {
        const share = Math.ceil(remaining / streams.length);
        const count =
          index === streams.length - 1 ? remaining - share * (streams.length - 1) : share;
        await fillStream(client, bulkStream, count);
      }),
    );
    const loaded = await server.stats();
    const loadSeconds = (Date.now() - bulkStarted) / 1000;
    // No GC is forced: this is what the server holds on to when left alone after the load.
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const settled = await server.stats();
    console.log(
      `server RSS with ${MEMORY_TARGET_EVENTS.toLocaleString('en')} events (target < 250 MB, no forced GC):\n` +
        `  before the load ${memory(stored)}\n` +
        `  right after it (${loadSeconds.toFixed(0)} s) ${memory(loaded)}\n` +
        `  after ${IDLE_SETTLE_MS / 1000} s idle ${memory(settled)}`,
    );
    await server.close();
    const restartStarted = Date.now();
    const restarted = await ServerProcess.start(dataDir);
    const restartSeconds = (Date.now() - restartStarted) / 1000;
    const recovered = await restarted.server.stats();
    await restarted.server.close();
    console.log(
      `restart recovering ${MEMORY_TARGET_EVENTS.toLocaleString('en')} events: ready in ${restartSeconds.toFixed(1)} s, RSS ${memory(recovered)}`,
    );
    console.log(`machine at the end: ${machineLoad()}`);
  } finally {
    await client.dispose();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === SERVE_FLAG) {
  void serve(process.argv[3], process.argv.includes(BATCH_APPEND_FLAG));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
