import { EventStoreDBClient } from '@eventstore/db-client';
import { hirestreamEventCatalog } from '@hirestream/contracts';
import {
  EventSerializer,
  EventStore,
  verifyAllStreams,
  verifyStream,
  type ChainHead,
} from '@hirestream/event-sourcing';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { appendChained, writeChained } from './support/chained-appends';
import { hiringHistory } from './support/hiring-history';
import { processTreeCpuSeconds } from './support/process-usage';
import { withEmbeddedEventStore } from './support/embedded-event-store';
import { machineLoad } from './support/machine-load';
import { benchCount } from './support/bench-count';

// The hash chain (#16) on the embedded EventStoreDB (a child process, as `npm start` runs
// it): a hiring history written through `EventStore.append`, so every event is chained,
// and one long candidate stream, then read back through the real client: bare (counting
// events) and verified (`verifyAllStreams`, one walk of $all), and the long stream alone.
const usage = `Usage: npm run bench -- hash-chain [--events N]
  --events  events in the store (default 1,000,000)`;

const LONG_STREAM_EVENTS = 10_000;
const LONG_STREAM_BATCH = 100;
const MEMORY_SAMPLE_MS = 100;

function eventsWanted(): number {
  const { values } = parseArgs({ options: { events: { type: 'string' } } });
  return benchCount('events', values.events, 1_000_000, usage);
}

const thousands = (n: number): string => Math.round(n).toLocaleString('en');

/** One candidate stream of `count` events, appended a batch at a time. */
async function writeLongStream(store: EventStore, count: number): Promise<string> {
  const streamName = `candidate-${randomUUID()}`;
  const events = [...hiringHistory(count, { seed: 2 })].flat().flatMap((append) => append.events);
  const heads = new Map<string, ChainHead>();
  for (let start = 0; start < events.length; start += LONG_STREAM_BATCH) {
    await appendChained(store, heads, {
      streamName,
      events: events.slice(start, start + LONG_STREAM_BATCH),
      occurredAt: new Date(),
    });
  }
  return streamName;
}

type Timed<T> = { result: T; seconds: number; clientCpuSeconds: number; serverCpuSeconds: number };

async function timed<T>(serverPid: number, run: () => Promise<T>): Promise<Timed<T>> {
  const serverBefore = processTreeCpuSeconds(serverPid);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    result,
    seconds,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    serverCpuSeconds: processTreeCpuSeconds(serverPid) - serverBefore,
  };
}

function rate(label: string, events: number, run: Timed<unknown>, extra = ''): void {
  console.log(
    `  ${label}: ${thousands(events / run.seconds)} events/s (${thousands(events)} in ${run.seconds.toFixed(1)} s; ` +
      `client CPU ${((run.clientCpuSeconds / events) * 1e6).toFixed(1)} µs/event, ` +
      `server ${((run.serverCpuSeconds / events) * 1e6).toFixed(1)} µs/event)${extra}`,
  );
}

/** The most heap this process used while `run` ran, sampled. */
async function peakHeap<T>(run: () => Promise<T>): Promise<{ result: T; peakMegabytes: number }> {
  let peak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, MEMORY_SAMPLE_MS);
  try {
    const result = await run();
    return { result, peakMegabytes: Math.max(peak, process.memoryUsage().heapUsed) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

async function bareReadAll(client: EventStoreDBClient): Promise<number> {
  let events = 0;
  for await (const resolved of client.readAll()) {
    if (resolved.event !== undefined && !resolved.event.streamId.startsWith('$')) events += 1;
  }
  return events;
}

async function bareReadStream(client: EventStoreDBClient, streamName: string): Promise<number> {
  let events = 0;
  for await (const resolved of client.readStream(streamName)) {
    if (resolved.event !== undefined) events += 1;
  }
  return events;
}

async function measure(client: EventStoreDBClient, serverPid: number, events: number) {
  const store = new EventStore(client, new EventSerializer(hirestreamEventCatalog));
  const long = Math.min(LONG_STREAM_EVENTS, Math.floor(events / 10));
  console.log(
    `writing ${thousands(events)} chained events: a hiring history and a ${thousands(long)}-event candidate stream…`,
  );
  const write = await timed(serverPid, async () => {
    const longStream = await writeLongStream(store, long);
    return {
      longStream,
      written: long + (await writeChained(store, hiringHistory(events - long))),
    };
  });
  rate('written through EventStore.append', write.result.written, write);

  console.log('every stream, one walk of $all:');
  const bare = await timed(serverPid, () => bareReadAll(client));
  rate('bare read', bare.result, bare);
  const verified = await timed(serverPid, () => peakHeap(() => verifyAllStreams(client)));
  const walk = verified.result.result;
  rate(
    'verified',
    walk.events,
    verified,
    `, ${thousands(walk.streams)} streams, heap peak ${verified.result.peakMegabytes.toFixed(0)} MB`,
  );
  console.log(
    `  ${thousands(walk.checked)} checked, ${walk.beforeChain} before a chain, ${walk.broken.length} broken`,
  );
  if (walk.checked !== events || walk.broken.length > 0) {
    console.log('  FAILED: every written event must verify');
    process.exitCode = 1;
  }

  const { longStream } = write.result;
  console.log(`the ${thousands(long)}-event candidate stream alone:`);
  const bareStream = await timed(serverPid, () => bareReadStream(client, longStream));
  rate('bare read', bareStream.result, bareStream);
  const streamVerified = await timed(serverPid, () => verifyStream(client, longStream));
  rate('verified', streamVerified.result.checked, streamVerified);
}

async function main(): Promise<void> {
  const events = eventsWanted();
  console.log(`machine: ${machineLoad()}`);
  await withEmbeddedEventStore('hash-chain-bench', (client, serverPid) =>
    measure(client, serverPid, events),
  );
  console.log(`machine at the end: ${machineLoad()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
