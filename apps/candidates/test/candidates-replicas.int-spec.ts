import { runnerLockKey } from '@hirestream/read-models';
import { bearer, freePort, startEmbeddedServers, type EmbeddedServers } from '@hirestream/testing';
import { Client } from 'pg';
import { waitUntil } from '../../../libs/embedded-kafka/test/wait-until';
import { describeEachPostgres } from '../../../test/support/postgres-targets';
import {
  killTypeScriptProcesses,
  startTypeScriptProcess,
  type TypeScriptProcess,
} from '../../../test/support/typescript-process';

// Two replicas of the candidates service, each a process of its own as in
// production, on one EventStoreDB, Kafka and PostgreSQL database: exactly one
// runs the candidate list (holds its runner lock), both serve it, and when the
// runner's process dies the other takes over.

const MAIN = 'apps/candidates/src/main.ts';
const JOB = 'job-replicas-1';
const START_TIMEOUT_MS = 45_000;
const TAKEOVER_TIMEOUT_MS = 20_000;

type Replica = { name: string; process: TypeScriptProcess; url: string };

describeEachPostgres('two replicas of the candidates service', (target) => {
  let servers: EmbeddedServers;
  let replicas: Replica[] = [];
  let authorization: string;
  let databaseUrl: string;

  beforeAll(async () => {
    servers = await startEmbeddedServers('candidates-replicas');
    databaseUrl = target.connectionString();
    authorization = await bearer('recruiter-1', ['recruiter']);
    // Started at once on an empty database: their migrations meet, and so do their runners.
    replicas = await Promise.all(
      ['replica-a', 'replica-b'].map(async (name) => {
        const port = await freePort();
        const url = new URL(databaseUrl);
        // Tells the replicas' sessions apart in pg_stat_activity.
        url.searchParams.set('application_name', name);
        const process = startTypeScriptProcess(MAIN, {
          ...servers.env,
          DATABASE_URL: url.toString(),
          PORT: String(port),
          LOG_LEVEL: 'info',
        });
        return { name, process, url: `http://127.0.0.1:${port}` };
      }),
    );
    await Promise.all(
      replicas.map(({ process }) => process.waitForLine(/listening on/, START_TIMEOUT_MS)),
    );
  }, START_TIMEOUT_MS * 2);

  afterAll(async () => {
    await killTypeScriptProcesses();
    await servers?.stop();
  });

  async function sql<R>(text: string, values: unknown[] = []): Promise<R[]> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as R[];
    } finally {
      await client.end();
    }
  }

  /** The application names of the sessions holding the candidate list's runner lock. */
  async function runners(): Promise<string[]> {
    const key = BigInt.asUintN(64, BigInt(runnerLockKey('candidates', 'candidate-list', 2)));
    const rows = await sql<{ application_name: string }>(
      `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
     where l.locktype = 'advisory' and l.granted and l.objsubid = 1
       and l.classid = $1::oid and l.objid = $2::oid
       and l.database = (select oid from pg_database where datname = current_database())`,
      [(key >> 32n).toString(), (key & 0xffffffffn).toString()],
    );
    return rows.map((row) => row.application_name);
  }

  const request = (replica: Replica, path: string, init: RequestInit = {}) =>
    fetch(`${replica.url}${path}`, {
      ...init,
      headers: { authorization, 'content-type': 'application/json', ...init.headers },
    });

  async function register(replica: Replica, fullName: string): Promise<string> {
    const response = await request(replica, '/candidates', {
      method: 'POST',
      body: JSON.stringify({
        fullName,
        email: 'candidate@example.org',
        phone: '+44 20 7946 0958',
        jobId: JOB,
        source: 'referral',
        resumeRef: 'resumes/candidate.pdf',
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function listed(replica: Replica): Promise<string[]> {
    const response = await request(replica, `/candidates?jobId=${JOB}`);
    if (response.status !== 200) return [];
    return ((await response.json()) as { items: { id: string }[] }).items.map((item) => item.id);
  }

  const isReady = async (replica: Replica) =>
    (await request(replica, '/health/ready')).status === 200;

  const registered: string[] = [];

  it('both become ready, with one build of the list and exactly one runner between them', async () => {
    for (const replica of replicas) {
      await waitUntil(`${replica.name} is ready`, () => isReady(replica), START_TIMEOUT_MS).catch(
        async (error: Error) => {
          const readiness = await (await request(replica, '/health/ready')).text();
          throw new Error(
            `${error.message}\n${readiness}\n${replica.process.lines.slice(-20).join('\n')}`,
          );
        },
      );
    }
    const holders = await runners();
    expect(holders).toHaveLength(1);
    expect(replicas.map((replica) => replica.name)).toContain(holders[0]);
    const builds = await sql(
      `select name, generation, status from candidates.projection_builds where name = 'candidate-list'`,
    );
    expect(builds).toEqual([{ name: 'candidate-list', generation: 1, status: 'live' }]);
  });

  it('both serve the list: what one registers, the other lists too', async () => {
    const [a, b] = replicas;
    registered.push(await register(a, 'Ada Replicated'));
    expect(await listed(a)).toEqual(registered);
    await waitUntil(
      'the other replica lists it',
      async () => (await listed(b)).length > 0,
      TAKEOVER_TIMEOUT_MS,
    );
    expect(await listed(b)).toEqual(registered);
  });

  it('when the runner’s process is killed, the other takes over and keeps the list current', async () => {
    const [runnerName] = await runners();
    const runner = replicas.find((replica) => replica.name === runnerName)!;
    const survivor = replicas.find((replica) => replica !== runner)!;
    runner.process.child.kill('SIGKILL');
    await runner.process.exited;

    await waitUntil(
      `${survivor.name} holds the runner lock`,
      async () => (await runners()).join() === survivor.name,
      TAKEOVER_TIMEOUT_MS,
    );
    registered.push(await register(survivor, 'Grace After The Takeover'));
    expect(await listed(survivor)).toEqual(registered);
    expect(await isReady(survivor)).toBe(true);
  });
});
