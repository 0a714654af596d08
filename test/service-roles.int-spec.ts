import { EventRelayRunner } from '@hirestream/messaging';
import { createServiceApp, startMicroservices, type ServiceOptions } from '@hirestream/platform';
import {
  bearer,
  eventually,
  startEmbeddedServers,
  type EmbeddedServers,
} from '@hirestream/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { serviceOptionsOf } from './support/service-app';

// A service run apart as ROLE=api and ROLE=worker (the candidates service: a
// relay, a Kafka consumer and a projection): the API writes and reads without
// any background work of its own; the worker does it all and serves no API.

type Readiness = { status: string; checks: { name: string; status: string }[] };

const options: ServiceOptions = serviceOptionsOf('candidates');
let servers: EmbeddedServers;
const apps: NestFastifyApplication[] = [];
let recruiter: string;

async function start(role: 'api' | 'worker'): Promise<NestFastifyApplication> {
  const app = await createServiceApp({
    ...options,
    env: { ...servers.env, ROLE: role },
    shutdownHooks: false,
  });
  apps.push(app);
  await startMicroservices(app, options);
  return app;
}

const listOfJob = (app: NestFastifyApplication, jobId: string) =>
  app.inject({
    method: 'GET',
    url: `/candidates?jobId=${jobId}`,
    headers: { authorization: recruiter },
  });

const readiness = async (app: NestFastifyApplication): Promise<Readiness> =>
  (await app.inject({ method: 'GET', url: '/health/ready' })).json<Readiness>();

/** The process's `hirestream_relay_active` metric. */
const relayActive = async (app: NestFastifyApplication): Promise<string | undefined> => {
  const metrics = await app.inject({ method: 'GET', url: '/metrics' });
  expect(metrics.statusCode).toBe(200);
  return /^hirestream_relay_active(?:{[^}]*})? (\d)$/m.exec(metrics.body)?.[1];
};

beforeAll(async () => {
  servers = await startEmbeddedServers('service-roles');
  recruiter = await bearer('recruiter-1', ['recruiter']);
});

afterAll(async () => {
  for (const app of apps.reverse()) await app.close();
  await servers?.stop();
});

it('an API process writes and reads while a worker process alone runs the background work', async () => {
  const api = await start('api');
  const registered = await api.inject({
    method: 'POST',
    url: '/candidates',
    headers: { authorization: recruiter, 'idempotency-key': 'roles-1' },
    payload: {
      fullName: 'Ada Lovelace',
      email: 'ada@example.org',
      jobId: 'job-roles',
      source: 'referral',
    },
  });
  expect(registered.statusCode).toBe(201);

  // Given time, an API process alone still runs nothing in the background.
  await sleep(2_000);
  expect(api.getMicroservices()).toHaveLength(0);
  expect(api.get(EventRelayRunner).relay.isRunning).toBe(false);
  const alone = await readiness(api);
  expect(alone.checks.map((check) => check.name)).not.toEqual(expect.arrayContaining(['relay']));
  expect(alone.checks.map((check) => check.name)).not.toContain('kafka');
  expect(alone.checks).toContainEqual(
    expect.objectContaining({ name: 'candidate-list', status: 'down' }),
  );
  expect((await listOfJob(api, 'job-roles')).statusCode).toBe(503);

  const worker = await start('worker');
  expect(worker.getMicroservices()).toHaveLength(1);
  await eventually('the worker to be ready', async () =>
    (await readiness(worker)).status === 'up' ? true : undefined,
  );
  expect(worker.get(EventRelayRunner).relay.isRunning).toBe(true);
  expect((await listOfJob(worker, 'job-roles')).statusCode).toBe(404);
  expect(await relayActive(worker)).toBe('1');
  expect(await relayActive(api)).toBe('0');

  // A second worker stands by for the relay, and is ready all the same.
  const standby = await start('worker');
  await eventually('the second worker to be ready', async () =>
    (await readiness(standby)).status === 'up' ? true : undefined,
  );
  expect(standby.get(EventRelayRunner).relay.state).toBe('standby');
  expect(await relayActive(standby)).toBe('0');

  // The API reads the build the worker's runner made live.
  const listed = await eventually('the API to list the candidate', async () => {
    const response = await listOfJob(api, 'job-roles');
    return response.statusCode === 200 ? response.json<{ items: unknown[] }>() : undefined;
  });
  expect(listed.items).toHaveLength(1);
  expect((await readiness(api)).status).toBe('up');
});
