import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { freePort } from '../../../test/support/free-port';
import { describeEachPostgres } from '../../../test/support/postgres-targets';
import { TYPESCRIPT_NODE_ARGS } from '../../../tools/typescript-runtime';
import { ProjectionBuilds } from '../src';
import {
  COUNTER_SERVICE,
  CounterWriter,
  counterProjection,
  eventually,
  tablesStartingWith,
  totalsOnly,
  useCounterServers,
} from './rebuild-test-projection';

const repositoryRoot = join(__dirname, '..', '..', '..');
const COMMAND_TIMEOUT_MS = 60_000;

type CommandResult = Readonly<{ code: number | null; stdout: string; stderr: string }>;

/** Runs `npm run projections -- ARGS` as npm does (node with the TypeScript hook), to its end. */
function projections(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...TYPESCRIPT_NODE_ARGS, join('tools', 'projections.ts'), ...args],
      { cwd: repositoryRoot, env: { ...process.env, ...env }, timeout: COMMAND_TIMEOUT_MS },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describeEachPostgres('npm run projections', (target) => {
  const servers = useCounterServers(target, 'projections-cli');
  const start = (...args: Parameters<typeof counterProjection>) =>
    servers.start(counterProjection(...args));

  it('status shows each build: version, generation, status, checkpoint and lag in events and seconds', async () => {
    const writer = new CounterWriter(servers.client, 'shown');
    await writer.add(120);
    const replica = await start('shown', 1);
    await eventually(async () => (replica.host.isCaughtUp ? true : undefined));
    // Version 2 cannot apply anything yet: it lags by every event.
    await start('shown', 2, async () => {
      throw new Error('version 2 is held back by the test');
    });
    await eventually(async () =>
      (await new ProjectionBuilds(servers.db).ofVersion('shown', 2)).length > 0 ? true : undefined,
    );

    const { code, stdout, stderr } = await projections(['status'], servers.env);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [header, ...rows] = stdout.trim().split('\n');
    expect(header.split(/\s{2,}/)).toEqual([
      'PROJECTION',
      'VERSION',
      'GENERATION',
      'STATUS',
      'CHECKPOINT',
      'APPLIED',
      'LAG (EVENTS)',
      'LAG (S)',
    ]);
    const [live] = await new ProjectionBuilds(servers.db).ofVersion('shown', 1);
    const cells = rows.map((row) => row.split(/\s+/));
    expect(cells).toContainEqual([
      `${COUNTER_SERVICE}/shown`,
      '1',
      '1',
      'live',
      live.checkpoint!.commit.toString(),
      '120',
      '0',
      '0.0',
    ]);
    const building = cells.find((row) => row[0] === `${COUNTER_SERVICE}/shown` && row[1] === '2');
    expect(building?.slice(2, 7)).toEqual(['1', 'building', '-', '0', '120']);
    expect(Number(building?.[7])).toBeGreaterThan(0);
  });

  it('rebuild builds the current version again while the live one serves, with progress, then switches and drops the old tables', async () => {
    const writer = new CounterWriter(servers.client, 'rebuilt-by-cli');
    await writer.add(600);
    const replica = await start('rebuilt-by-cli', 1);
    await eventually(async () => (replica.host.isCaughtUp ? true : undefined));
    const adding = writer.keepAdding(20);

    const result = await projections(['rebuild', 'rebuilt-by-cli'], servers.env);
    await adding.stop();

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const label = `${COUNTER_SERVICE}/rebuilt-by-cli v1`;
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      `${label}: rebuilding from the start into generation 2; generation 1 serves meanwhile`,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[#{30}\] {2}100% {2}[\d,]+ of [\d,]+ events {2}.*ETA 0s$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${label}: generation 2 is live after \\d+s$`)),
    );
    expect(lines.at(-1)).toBe(`${label}: generation 1 retired, its tables dropped`);
    expect(await tablesStartingWith(servers.db, 'rebuilt_by_cli_v1_g1_')).toEqual([]);
    const [build] = await new ProjectionBuilds(servers.db).ofVersion('rebuilt-by-cli', 1);
    expect(build).toMatchObject({ generation: 2, status: 'live' });
    await eventually(async () =>
      isDeepStrictEqual(totalsOnly(await replica.totals()), totalsOnly(writer.expected))
        ? true
        : undefined,
    );
  });

  it('a rebuild asked for while no replica runs the projection starts once one does', async () => {
    const writer = new CounterWriter(servers.client, 'dormant');
    await writer.add(50);
    const first = await start('dormant', 1);
    await eventually(async () => (first.host.isCaughtUp ? true : undefined));
    await servers.stop(first);

    const running = projections(['rebuild', 'dormant'], servers.env);
    const builds = new ProjectionBuilds(servers.db);
    await eventually(async () =>
      (await builds.ofVersion('dormant', 1)).some((b) => b.status === 'requested')
        ? true
        : undefined,
    );
    // Long enough for the command to say what it waits for.
    await sleep(6_000);
    const replica = await start('dormant', 1);
    const { code, stdout, stderr } = await running;

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(
      `${COUNTER_SERVICE}/dormant v1: waiting for the service that runs this projection to start the rebuild (is it running?)`,
    );
    expect(stdout).toContain(`${COUNTER_SERVICE}/dormant v1: generation 2 is live after`);
    expect(totalsOnly(await replica.totals())).toEqual(totalsOnly(writer.expected));
  });

  it('rebuild of an unknown projection fails, naming those there are', async () => {
    await start('known', 1);
    const url = new URL(target.connectionString());

    const { code, stdout, stderr } = await projections(['rebuild', 'unknown'], servers.env);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    const where = `postgres://${url.username}@${url.host}${url.pathname}`;
    expect(stderr).toContain(`no projection named unknown in the database at ${where}`);
    expect(stderr).toMatch(new RegExp(`the projections there: .*${COUNTER_SERVICE}/known`));
    if (url.password !== '') expect(stderr).not.toContain(url.password);
  });

  it('asks which service is meant when several have a projection of that name', async () => {
    await start('shared', 1);
    await servers.start(counterProjection('shared', 1), 'other_service');

    const { code, stderr } = await projections(['rebuild', 'shared'], servers.env);

    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `several services have a projection named shared: ${COUNTER_SERVICE}/shared, other_service/shared; say which (SERVICE/NAME)`,
    );
  });

  it('says which PostgreSQL it could not reach, and why, without the password', async () => {
    const port = await freePort();

    const { code, stdout, stderr } = await projections(['status'], {
      ...servers.env,
      DATABASE_URL: `postgres://reader:very-secret@127.0.0.1:${port}/reads`,
    });

    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr.trim()).toBe(
      `cannot reach PostgreSQL at postgres://reader@127.0.0.1:${port}/reads (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('shows the builds but says the lag is unknown when EventStoreDB cannot be reached', async () => {
    await start('lagging', 1);
    const port = await freePort();

    const { code, stdout, stderr } = await projections(['status'], {
      ...servers.env,
      EVENTSTORE_CONNECTION_STRING: `esdb://admin:very-secret@127.0.0.1:${port}?tls=false`,
    });

    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^${COUNTER_SERVICE}/lagging +1 +1 +\\w+ .* \\? +\\?$`, 'm'));
    expect(stderr).toContain(
      `lag unknown: cannot reach EventStoreDB at esdb://admin@127.0.0.1:${port}?tls=false (EVENTSTORE_CONNECTION_STRING): `,
    );
    expect(stderr).not.toContain('very-secret');
  });
});
