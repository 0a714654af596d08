import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { CompressionTypes, ISocketFactory, Kafka, logLevel } from 'kafkajs';
import { startDevstackProcess } from '../test/support/devstack-process';
import { makeTempDir, removeTempDir } from '../test/support/temp-dir';
import { rssMegabytes } from './support/process-usage';

// Embedded Kafka broker through kafkajs with 1 KB messages: produce and consume
// throughput, produce-to-consume latency at a steady rate, and the broker's
// memory with 1,000,000 stored messages. The broker runs in its own process
// (devstack) so that its RSS and CPU time are its own.
const TOTAL_MESSAGES = Number(process.env.BENCH_KAFKA_MESSAGES ?? 1_000_000);
const BATCH_SIZE = 100;
/** kafkajs encodes on one thread; two producer threads keep the client from being the bottleneck. */
const PRODUCER_THREADS = 2;
const SENDS_IN_FLIGHT_PER_THREAD = 8;
const PARTITIONS = 4;
const LATENCY_RATE_PER_SECOND = 1_000;
const LATENCY_SECONDS = 10;
const CLOCK_TICKS_PER_SECOND = 100;

/** kafkajs leaves Nagle's algorithm on; small requests then wait for delayed ACKs (tens of ms). */
const noDelaySocketFactory: ISocketFactory = ({ host, port, onConnect }) => {
  const socket = connect({ host, port, noDelay: true }, onConnect);
  socket.setKeepAlive(true, 60_000);
  return socket;
};

function createClient(bootstrapAddress: string): Kafka {
  return new Kafka({
    clientId: 'bench',
    brokers: [bootstrapAddress],
    logLevel: logLevel.ERROR,
    socketFactory: noDelaySocketFactory,
  });
}

/** One producer thread: sends its share in batches of 100, a few sends in flight, acks=all. */
async function produceShare(bootstrapAddress: string, messages: number): Promise<void> {
  const producer = createClient(bootstrapAddress).producer();
  await producer.connect();
  const value = Buffer.alloc(1024 - 4, 'x');
  const batch = Array.from({ length: BATCH_SIZE }, (_, i) => ({ key: String(i), value }));
  let sent = 0;
  await Promise.all(
    Array.from({ length: SENDS_IN_FLIGHT_PER_THREAD }, async () => {
      while (sent < messages) {
        sent += BATCH_SIZE;
        await producer.send({
          topic: 'bench-throughput',
          acks: -1,
          compression: CompressionTypes.None,
          messages: batch,
        });
      }
    }),
  );
  await producer.disconnect();
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const dataDir = await makeTempDir('kafka-bench');
  const devstack = await startDevstackProcess({ dataDir, kafkaPort: 0 });
  const pid = devstack.child.pid ?? 0;
  const kafka = createClient(devstack.kafkaBootstrapAddress ?? '');
  // Much of the idle figure is Node itself and the TypeScript loader devstack runs under.
  console.log(
    `broker RSS idle: ${rssMegabytes(pid).toFixed(0)} MB; load average ${loadavg()[0].toFixed(1)}`,
  );
  try {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: 'bench-throughput', numPartitions: PARTITIONS },
        { topic: 'bench-latency', numPartitions: 1 },
      ],
    });
    await admin.disconnect();

    let cpuBefore = cpuSeconds(pid);
    let started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: PRODUCER_THREADS }, () => {
        const worker = new Worker(__filename, {
          workerData: {
            bootstrapAddress: devstack.kafkaBootstrapAddress,
            messages: TOTAL_MESSAGES / PRODUCER_THREADS,
          },
        });
        return new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        });
      }),
    );
    let seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const produceRate = TOTAL_MESSAGES / seconds;
    const produceCpu = (cpuSeconds(pid) - cpuBefore) / seconds;
    console.log(
      `produce: ${TOTAL_MESSAGES} x 1 KB in batches of ${BATCH_SIZE}, acks=all, ${PRODUCER_THREADS} producer threads: ${Math.round(produceRate)} msgs/s (${(produceRate / 1024).toFixed(1)} MB/s), broker CPU ${(produceCpu * 100).toFixed(0)}%`,
    );
    console.log(
      `broker RSS with ${TOTAL_MESSAGES} stored messages: ${rssMegabytes(pid).toFixed(0)} MB`,
    );

    const consumer = kafka.consumer({ groupId: 'bench-consumers' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'bench-throughput', fromBeginning: true });
    let consumed = 0;
    let firstMessageAt = 0n;
    const allConsumed = new Promise<void>((resolve) => {
      void consumer.run({
        eachBatch: async ({ batch: received }) => {
          if (firstMessageAt === 0n) firstMessageAt = process.hrtime.bigint();
          consumed += received.messages.length;
          if (consumed >= TOTAL_MESSAGES) resolve();
        },
      });
    });
    cpuBefore = cpuSeconds(pid);
    started = process.hrtime.bigint();
    await allConsumed;
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const consumeSeconds = Number(process.hrtime.bigint() - firstMessageAt) / 1e9;
    const consumeCpu = (cpuSeconds(pid) - cpuBefore) / seconds;
    console.log(
      `consume: ${consumed} msgs for one group: ${Math.round(consumed / seconds)} msgs/s including the group join (${Math.round(consumed / consumeSeconds)} msgs/s from the first message), broker CPU ${(consumeCpu * 100).toFixed(0)}%`,
    );
    await consumer.disconnect();

    const producer = kafka.producer();
    await producer.connect();
    const latencies: number[] = [];
    const latencyConsumer = kafka.consumer({ groupId: 'bench-latency' });
    let joined = false;
    latencyConsumer.on(latencyConsumer.events.GROUP_JOIN, () => (joined = true));
    await latencyConsumer.connect();
    await latencyConsumer.subscribe({ topic: 'bench-latency', fromBeginning: false });
    await latencyConsumer.run({
      eachMessage: async ({ message }) => {
        const sentAt = Number(message.value?.readBigInt64BE(0) ?? 0n);
        latencies.push(Number(process.hrtime.bigint() - BigInt(sentAt)) / 1e6);
      },
    });
    while (!joined) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const total = LATENCY_RATE_PER_SECOND * LATENCY_SECONDS;
    const start = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / LATENCY_RATE_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const payload = Buffer.alloc(1024);
      payload.writeBigInt64BE(process.hrtime.bigint(), 0);
      pending.push(
        producer.send({ topic: 'bench-latency', acks: -1, messages: [{ value: payload }] }),
      );
    }
    await Promise.all(pending);
    const deadline = Date.now() + 10_000;
    while (latencies.length < total && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `latency at ${LATENCY_RATE_PER_SECOND} msgs/s for ${LATENCY_SECONDS} s (${sorted.length}/${total} received): p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`,
    );
    await latencyConsumer.disconnect();
    await producer.disconnect();
    console.log(`broker RSS at the end: ${rssMegabytes(pid).toFixed(0)} MB`);
    console.log(`load average at the end ${loadavg()[0].toFixed(1)}`);
    console.log('targets (2 cores): >= 30000 msgs/s each way, p99 <= 20 ms, RSS < 250 MB');
  } finally {
    await devstack.stop('SIGTERM');
    await removeTempDir(dataDir);
  }
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  const { bootstrapAddress, messages } = workerData as {
    bootstrapAddress: string;
    messages: number;
  };
  void produceShare(bootstrapAddress, messages).then(() => parentPort?.postMessage('done'));
}
