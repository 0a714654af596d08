import { candidateStreamName, type Event } from '@hirestream/contracts';
import { freePort, startEmbeddedServers, type EmbeddedServers } from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { EventStoreDBClient } from '@eventstore/db-client';
import { EventSerializer, EventStore } from '@hirestream/event-sourcing';
import { hirestreamEventCatalog } from '@hirestream/contracts';
import { randomUUID } from 'node:crypto';
import { eventually } from '../../../test/support/eventually';
import {
  killTypeScriptProcesses,
  startTypeScriptProcess,
  type TypeScriptProcess,
} from '../../../test/support/typescript-process';
import { providerCheckFacts } from './provider-check-facts';

// A durable timer outlives the process that saw it scheduled: the service is
// killed (SIGKILL) while an adverse-action window is open; the next process runs
// an hour ahead (CLOCK_SHIFT_SECONDS), past the window's end, and fires the timer
// at start, once.

const MAIN = 'apps/background-checks/src/main.ts';
const START_TIMEOUT_MS = 60_000;

let servers: EmbeddedServers;
let client: EventStoreDBClient;
let store: EventStore;

beforeAll(async () => {
  servers = await startEmbeddedServers('background-checks-timer-restart');
  client = EventStoreDBClient.connectionString`${servers.env.EVENTSTORE_CONNECTION_STRING}`;
  store = new EventStore(client, new EventSerializer(hirestreamEventCatalog));
}, START_TIMEOUT_MS);

afterAll(async () => {
  await killTypeScriptProcesses();
  await client?.dispose();
  await servers?.stop();
});

/** Starts the service on its own port and waits until it is ready (its timers read). */
async function startService(env: Record<string, string> = {}): Promise<TypeScriptProcess> {
  const port = await freePort();
  const service = startTypeScriptProcess(MAIN, {
    ...servers.env,
    PORT: String(port),
    LOG_LEVEL: 'info',
    ...env,
  });
  await service.waitForLine(/listening on/, START_TIMEOUT_MS);
  await eventually(
    'the service to be ready',
    async () => {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
      return response?.status === 200 ? true : undefined;
    },
    START_TIMEOUT_MS,
  );
  return service;
}

const windowsElapsed = async (candidateId: string) =>
  (await store.readStream(candidateStreamName(candidateId))).events.filter(
    ({ event }) => event.type === 'AdverseActionWindowElapsed',
  );

it(
  'fires at the next start a timer that came due while the service was down, once',
  async () => {
    const candidateId = randomUUID();
    const checkId = randomUUID();
    const windowEndsAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const candidate = candidateStreamFacts(candidateId);
    const check = providerCheckFacts(candidateId, checkId);
    const events: Event[] = [
      candidate.registered(),
      candidate.moved('applied', 'background-check'),
      check.initiated(),
      ...check.inAdverseActionWindow(windowEndsAt),
    ];
    await store.append(candidateStreamName(candidateId), events, undefined, {
      actor: { id: 'seed', role: 'system' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    });

    const first = await startService();
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(await windowsElapsed(candidateId)).toHaveLength(0);

    await startService({ CLOCK_SHIFT_SECONDS: '3600' });
    const [elapsed] = await eventually('the timer to fire', async () => {
      const found = await windowsElapsed(candidateId);
      return found.length > 0 ? found : undefined;
    });
    expect(elapsed.event.data).toMatchObject({ checkId, windowEndsAt });
    expect(elapsed.metadata.actor).toMatchObject({ role: 'system' });
    // Two more firing passes (at most a second apart) come and go with nothing new.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await windowsElapsed(candidateId)).toHaveLength(1);
  },
  3 * START_TIMEOUT_MS,
);
