import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { waitUntil } from '../../../libs/embedded-kafka/test/wait-until';
import {
  postgresRefusedCheck,
  useCandidatesOnOwnPostgres,
} from './support/candidates-on-own-postgres';

// PostgreSQL holds the read models and the personal-data keys: while it is
// away, queries answer 503, and so do commands needing a key this process does
// not hold (a new candidate's); commands on candidates whose keys it holds still
// go to EventStoreDB; readiness says why; and the candidate list catches up
// with what happened once it is back.

const JOB = 'job-outage-1';
const CATCH_UP_TIMEOUT_MS = 30_000;
/** More than the service's pool holds (10): a connection leaked at each cut would exhaust it. */
const SESSION_CUTS = 12;
/** Longer than the service waits before it listens again (1 s), so each cut finds it connected. */
const BETWEEN_CUTS_MS = 1_500;
/** Far beyond a normal shutdown (well under a second): only a hang reaches it. */
const SHUTDOWN_TIMEOUT_MS = 20_000;

const service = useCandidatesOnOwnPostgres('candidates-outage', { startPostgres: true });

describe('the candidates service while PostgreSQL is down', () => {
  let before: string;
  /** The stage `before` reached while PostgreSQL was down. */
  let during: string;

  it('lists candidates while PostgreSQL is up', async () => {
    const registered = await service.register('Ada Before', JOB);
    expect(registered.statusCode).toBe(201);
    before = registered.json<{ id: string }>().id;
    const { response, ids } = await service.list(JOB);
    expect(response.statusCode).toBe(200);
    expect(ids).toEqual([before]);
  });

  it('answers queries of the list with a 503 problem, and still takes commands', async () => {
    await service.postgres().stop();

    const { response } = await service.list(JOB);
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 503,
      title: 'The read-model store is unavailable',
      detail: expect.stringMatching(
        /^the read-model store is unavailable \(.+\); try again shortly$/,
      ),
    });

    const refused = await service.register('Grace During', JOB);
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ title: 'The read-model store is unavailable' });

    const screened = await service.api.inject({
      method: 'POST',
      url: `/candidates/${before}/screening`,
      as: 'recruiter',
      payload: { passed: true },
    });
    expect(screened.statusCode).toBe(200);
    const read = await service.api.inject({
      method: 'GET',
      url: `/candidates/${before}`,
      as: 'recruiter',
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: before, fullName: 'Ada Before' });
    during = read.json<{ stage: string }>().stage;
    expect(during).not.toBe('applied');
  });

  it('reports not ready, naming the PostgreSQL check and why', async () => {
    const { response, report } = await service.ready();
    expect(response.statusCode).toBe(503);
    expect(report.status).toBe('down');
    expect(report.checks).toContainEqual(postgresRefusedCheck());
    expect(report.checks).toContainEqual(
      expect.objectContaining({ name: 'eventstore', status: 'up' }),
    );
  });

  it('catches up once PostgreSQL is back: the list shows what happened meanwhile, and it is ready', async () => {
    await service.postgres().start();
    await waitUntil(
      'the list shows the stage reached while PostgreSQL was down',
      async () => {
        const { response } = await service.list(JOB);
        if (response.statusCode !== 200) return false;
        const items = response.json<{ items: { id: string; stage: string }[] }>().items;
        return items.length === 1 && items[0].id === before && items[0].stage === during;
      },
      CATCH_UP_TIMEOUT_MS,
    );
    await waitUntil(
      'the service is ready',
      async () => (await service.ready()).response.statusCode === 200,
      CATCH_UP_TIMEOUT_MS,
    );
  });

  it('keeps answering after its PostgreSQL sessions are cut again and again (a failover, a restarted pooler)', async () => {
    const admin = new Client({ connectionString: service.postgres().connectionString });
    await admin.connect();
    try {
      for (let cut = 0; cut < SESSION_CUTS; cut += 1) {
        await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
        );
        await sleep(BETWEEN_CUTS_MS);
      }
    } finally {
      await admin.end();
    }
    await waitUntil(
      'the list answers again',
      async () => (await service.list(JOB)).response.statusCode === 200,
      CATCH_UP_TIMEOUT_MS,
    );
    expect((await service.list(JOB)).ids).toEqual([before]);
    expect((await service.ready()).response.statusCode).toBe(200);
  });

  it(
    'shuts down once PostgreSQL is back, closing every connection',
    () => service.close(),
    SHUTDOWN_TIMEOUT_MS,
  );
});
