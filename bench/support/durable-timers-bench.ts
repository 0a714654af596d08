import { EventStoreDBClient, eventTypeFilter, START } from '@eventstore/db-client';
import { candidateStreamName, hirestreamEventCatalog, type Event } from '@hirestream/contracts';
import { EventSerializer, EventStore } from '@hirestream/event-sourcing';
import { randomUUID } from 'node:crypto';
import { providerCheckFacts } from '../../apps/background-checks/test/provider-check-facts';
import { candidateStreamFacts } from '../../test/support/candidate-stream-facts';
import { freePort } from '../../test/support/free-port';
import { percentile } from './keep-alive-load';
import type { BenchServers } from './service-bench';
import { startServiceProcess, type ServiceProcess } from './service-process';

const ENTRY = 'apps/background-checks/src/main.ts';
const PENDING = 10_000;
/** The windows end one after another over this span, once the service's clock reaches them. */
const SPREAD_MS = 60_000;
/** From the firing run's spawn to the first window's end (its start, and a margin). */
const FIRST_DUE_AFTER_SPAWN_MS = 20_000;
const START_TIMEOUT_MS = 180_000;

/** Candidates whose checks are in adverse-action windows ending `base` + i × spread / n. */
async function seedWindows(store: EventStore, base: number): Promise<void> {
  const context = {
    actor: { id: 'bench', role: 'system' as const },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < PENDING; i = next++) {
        const candidateId = randomUUID();
        const checkId = randomUUID();
        const candidate = candidateStreamFacts(candidateId);
        const check = providerCheckFacts(candidateId, checkId);
        const windowEndsAt = new Date(base + Math.floor((i * SPREAD_MS) / PENDING)).toISOString();
        const events: Event[] = [
          candidate.registered(),
          candidate.moved('applied', 'background-check'),
          check.initiated(),
          ...check.inAdverseActionWindow(windowEndsAt),
        ];
        await store.append(candidateStreamName(candidateId), events, undefined, context);
      }
    }),
  );
}

async function start(env: Readonly<Record<string, string>>): Promise<ServiceProcess> {
  return startServiceProcess({
    entry: ENTRY,
    port: await freePort(),
    env: { ...env, LOG_LEVEL: 'warn' },
    timeoutMs: START_TIMEOUT_MS,
    pollMs: 20,
  });
}

/** Every window the service ended, as it appended them: how late after its end each was. */
async function firingDelays(
  client: EventStoreDBClient,
  shiftMs: number,
  expected: number,
): Promise<number[]> {
  const delays: number[] = [];
  const subscription = client.subscribeToAll({
    fromPosition: START,
    filter: eventTypeFilter({ prefixes: ['AdverseActionWindowElapsed'] }),
  });
  try {
    for await (const resolved of subscription) {
      const recorded = resolved.event;
      if (recorded === undefined) continue;
      const { windowEndsAt } = recorded.data as { windowEndsAt: string };
      const { occurredAt } = recorded.metadata as { occurredAt: string };
      // occurredAt is the wall clock; the service's clock ran `shiftMs` ahead of it.
      delays.push(Date.parse(occurredAt) + shiftMs - Date.parse(windowEndsAt));
      if (delays.length === expected) break;
    }
  } finally {
    await subscription.unsubscribe();
  }
  return delays;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Durable timers with 10,000 pending: the background-checks service's start to
 * ready building the due-time read model from the events, and again with it
 * built; then, with its clock moved so the windows end one after another over a
 * minute, how late after its due time each timer fired (p50/p99/max).
 */
export async function measureDurableTimers(env: BenchServers): Promise<void> {
  const client = EventStoreDBClient.connectionString`${env.EVENTSTORE_CONNECTION_STRING}`;
  try {
    await measureWith(
      env,
      new EventStore(client, new EventSerializer(hirestreamEventCatalog)),
      client,
    );
  } finally {
    await client.dispose();
  }
}

async function measureWith(
  env: BenchServers,
  store: EventStore,
  client: EventStoreDBClient,
): Promise<void> {
  const base = Date.now() + 86_400_000;
  const seeding = performance.now();
  await seedWindows(store, base);
  console.log(
    `durable timers: ${PENDING} adverse-action windows seeded in ${seconds(performance.now() - seeding)}, ending over ${SPREAD_MS / 1000} s a day from now`,
  );
  for (const run of ['building the due-time read model', 'with the read model built']) {
    const service = await start(env);
    console.log(
      `  start to ready with ${PENDING} pending timers, ${run}: ${seconds(service.readyAfterMs)} (CPU ${service.cpuSecondsAtReady.toFixed(2)} s)`,
    );
    await service.stop();
  }
  const shiftSeconds = Math.ceil((base - Date.now() - FIRST_DUE_AFTER_SPAWN_MS) / 1000);
  const service = await start({ ...env, CLOCK_SHIFT_SECONDS: String(shiftSeconds) });
  try {
    const delays = (await firingDelays(client, shiftSeconds * 1000, PENDING)).sort((a, b) => a - b);
    console.log(
      `  fired ${delays.length} timers due over ${SPREAD_MS / 1000} s (${((PENDING * 1000) / SPREAD_MS).toFixed(0)}/s): delay after due p50 ${percentile(delays, 50).toFixed(0)} ms, p99 ${percentile(delays, 99).toFixed(0)} ms, max ${delays[delays.length - 1].toFixed(0)} ms`,
    );
  } finally {
    await service.stop();
  }
}
