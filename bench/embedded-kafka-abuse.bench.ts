import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { loadavg } from 'node:os';
import { Kafka, logLevel } from 'kafkajs';
import { startKafkaBroker } from '@hirestream/embedded-kafka';
import {
  REQUEST_HEADER_BYTES,
  requestFrame,
  sizePrefix,
} from '../libs/embedded-kafka/test/raw-kafka-client';
import { makeTempDir, removeTempDir } from '../test/support/temp-dir';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';
import { rssMegabytes } from './support/process-usage';

// The embedded broker's memory under abusive connections while a kafkajs
// producer and consumer carry on: connections announcing 100 MiB requests and
// sending ten bytes, connections beyond the cap, a request over the limit,
// two whole 100 MiB requests of garbage and a client that pipelines requests
// without reading the answers (~210 MiB sent in all). The broker runs in a
// child process (this file with --broker) so that its RSS is its own; the child
// has --expose-gc so that the figures after a forced collection tell garbage V8
// has not collected yet apart from memory the broker still holds.
const MiB = 1024 * 1024;
const MAX_REQUEST_BYTES = 100 * MiB;
const MAX_CONNECTIONS = 1_000;
const IDLE_MS = 10_000;
const HUGE_PREFIX_CONNECTIONS = 300;
const CONNECTIONS_PAST_THE_CAP = 800;
const GARBAGE_REQUESTS = 2;
const UNREAD_PIPELINE_BYTES = 8 * MiB;
const CANARY_INTERVAL_MS = 50;
const API_VERSIONS = 18;
const UNKNOWN_API = 999;

type BrokerMessage =
  { kind: 'ready'; port: number } | { kind: 'collected'; memory: NodeJS.MemoryUsage };

function nextMessage(child: ChildProcess): Promise<BrokerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: BrokerMessage): void => {
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null): void => {
      child.off('message', onMessage);
      reject(new Error(`the broker process exited with ${String(code)}`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A raw connection that records when the broker closed it. */
interface AbusiveConnection {
  readonly socket: Socket;
  openedAt: number;
  closedAt?: number;
}

function openAbusive(port: number): Promise<AbusiveConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const connection: AbusiveConnection = { socket, openedAt: 0 };
    socket.on('error', () => undefined);
    socket.on('close', () => (connection.closedAt ??= performance.now()));
    socket.once('connect', () => {
      connection.openedAt = performance.now();
      resolve(connection);
    });
    socket.once('error', reject);
  });
}

/** A kafkajs producer and consumer group exchanging a message every 50 ms; reports delivery and worst latency. */
async function startCanary(bootstrapAddress: string) {
  const kafka = new Kafka({
    clientId: 'canary',
    brokers: [bootstrapAddress],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'canary', numPartitions: 1 }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const consumer = kafka.consumer({ groupId: 'canary', maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'canary', fromBeginning: true });
  const counters = { sent: 0, received: 0, failedSends: 0, worstLatencyMs: 0 };
  await consumer.run({
    eachMessage: async ({ message }) => {
      counters.received += 1;
      const latency = Date.now() - Number(message.value?.toString());
      counters.worstLatencyMs = Math.max(counters.worstLatencyMs, latency);
    },
  });
  const timer = setInterval(() => {
    counters.sent += 1;
    producer
      .send({ topic: 'canary', acks: -1, messages: [{ value: String(Date.now()) }] })
      .catch(() => (counters.failedSends += 1));
  }, CANARY_INTERVAL_MS);
  return {
    /** Messages so far, and the worst latency since the previous call. */
    phase(): string {
      const line = `canary: ${counters.sent} sent, ${counters.received} received, ${counters.failedSends} failed, worst latency ${counters.worstLatencyMs} ms`;
      counters.worstLatencyMs = 0;
      return line;
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await producer.disconnect();
      await consumer.disconnect();
    },
  };
}

async function main(): Promise<void> {
  const dataDir = await makeTempDir('kafka-abuse-bench');
  const child = fork(__filename, ['--broker', dataDir], {
    execArgv: [...TYPESCRIPT_NODE_ARGS, '--expose-gc'],
  });
  const pid = child.pid ?? 0;
  const ready = await nextMessage(child);
  if (ready.kind !== 'ready') throw new Error('the broker did not start');
  const port = ready.port;
  const abusive: AbusiveConnection[] = [];
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMegabytes(pid))), 20);
  /** Forces a collection in the broker; RSS afterwards, with V8's heap and off-heap buffers. */
  const collect = async (): Promise<string> => {
    child.send('gc');
    const reply = await nextMessage(child);
    const mb = (bytes: number): string => (bytes / MiB).toFixed(0);
    const memory = reply.kind === 'collected' ? reply.memory : undefined;
    return `broker RSS ${rssMegabytes(pid).toFixed(0)} MB (V8 heap ${mb(memory?.heapTotal ?? 0)} MB, buffers ${mb(memory?.arrayBuffers ?? 0)} MB)`;
  };
  const report = (label: string): void =>
    console.log(`${label}: broker RSS ${rssMegabytes(pid).toFixed(0)} MB`);

  try {
    const canary = await startCanary(`127.0.0.1:${port}`);
    await sleep(3_000);
    const baseline = await collect();
    console.log(
      `idle baseline with the canary running, after a forced GC: ${baseline}; load average ${loadavg()[0].toFixed(1)}`,
    );
    peak = 0;

    const hugePrefixes = await Promise.all(
      Array.from({ length: HUGE_PREFIX_CONNECTIONS }, () => openAbusive(port)),
    );
    for (const { socket } of hugePrefixes) {
      socket.write(Buffer.concat([sizePrefix(MAX_REQUEST_BYTES), Buffer.alloc(10, 1)]));
    }
    abusive.push(...hugePrefixes);
    await sleep(1_000);
    report(`${HUGE_PREFIX_CONNECTIONS} connections announcing 100 MiB and sending 10 bytes`);
    console.log(canary.phase());

    const pastTheCap = await Promise.all(
      Array.from({ length: CONNECTIONS_PAST_THE_CAP }, () => openAbusive(port)),
    );
    abusive.push(...pastTheCap);
    await sleep(1_000);
    const refused = pastTheCap.filter(
      (c) => c.closedAt !== undefined && c.closedAt - c.openedAt < 1_000,
    ).length;
    report(
      `${CONNECTIONS_PAST_THE_CAP} more connections (cap ${MAX_CONNECTIONS}), ${refused} closed at once`,
    );
    console.log(canary.phase());

    const overLimit = await openAbusive(port);
    overLimit.socket.write(sizePrefix(MAX_REQUEST_BYTES + 1));
    await sleep(200);
    console.log(
      `a request of 100 MiB + 1 byte: connection ${overLimit.closedAt === undefined ? 'still open' : `closed after ${(overLimit.closedAt - overLimit.openedAt).toFixed(0)} ms`}`,
    );

    // Connections are only closed at the cap, so make room for the flood.
    for (const connection of pastTheCap) connection.socket.destroy();
    await sleep(500);
    const garbage = requestFrame(
      UNKNOWN_API,
      0,
      1,
      Buffer.alloc(MAX_REQUEST_BYTES - REQUEST_HEADER_BYTES, 7),
    );
    const flood = await Promise.all(
      Array.from({ length: GARBAGE_REQUESTS }, () => openAbusive(port)),
    );
    for (const { socket } of flood) socket.write(garbage);
    const unread = await openAbusive(port);
    unread.socket.pause();
    const apiVersions = requestFrame(API_VERSIONS, 0, 1);
    unread.socket.write(
      Buffer.concat(
        Array(Math.floor(UNREAD_PIPELINE_BYTES / apiVersions.length)).fill(apiVersions),
      ),
    );
    abusive.push(overLimit, ...flood, unread);
    const floodStarted = performance.now();
    while (flood.some((c) => c.closedAt === undefined) && performance.now() - floodStarted < 30_000)
      await sleep(20);
    await sleep(1_000);
    report(
      `${GARBAGE_REQUESTS} requests of 100 MiB of garbage (closed after ${flood.map((c) => ((c.closedAt ?? NaN) - floodStarted).toFixed(0)).join(', ')} ms) and ${UNREAD_PIPELINE_BYTES / MiB} MiB of ApiVersions requests whose answers are not read`,
    );
    console.log(canary.phase());
    console.log(`peak broker RSS during the abuse: ${peak.toFixed(0)} MB`);

    const open = (): AbusiveConnection[] => abusive.filter((c) => c.closedAt === undefined);
    const idleDeadline = performance.now() + IDLE_MS + 5_000;
    while (open().length > 0 && performance.now() < idleDeadline) await sleep(100);
    const leftOpen = open().length;
    console.log(
      `idle timeout ${IDLE_MS / 1000} s: ${leftOpen === 0 ? 'every remaining abusive connection was closed by the broker' : `${leftOpen} abusive connections still open, closed by the bench`}`,
    );
    for (const connection of open()) connection.socket.destroy();
    await sleep(100);
    report('all abusive connections closed');
    await sleep(5_000);
    report('5 s later, without a forced GC');
    console.log(`after a forced GC: ${await collect()}`);
    console.log(canary.phase());
    await canary.stop();
  } finally {
    clearInterval(sampler);
    for (const connection of abusive) connection.socket.destroy();
    child.send('stop');
    await once(child, 'exit');
    await removeTempDir(dataDir);
  }
}

async function runBroker(dataDir: string): Promise<void> {
  const broker = await startKafkaBroker({
    port: 0,
    dataDir,
    maxRequestBytes: MAX_REQUEST_BYTES,
    maxConnections: MAX_CONNECTIONS,
    connectionsMaxIdleMs: IDLE_MS,
  });
  // The bench's IPC channel closes when it exits, however it exits.
  process.on('disconnect', () => process.exit(1));
  process.on('message', (message: string) => {
    if (message === 'gc') {
      global.gc?.();
      process.send?.({ kind: 'collected', memory: process.memoryUsage() } satisfies BrokerMessage);
    } else if (message === 'stop') {
      void broker.close().then(() => process.exit(0));
    }
  });
  process.send?.({ kind: 'ready', port: broker.port } satisfies BrokerMessage);
}

if (process.argv[2] === '--broker') {
  void runBroker(process.argv[3]);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
