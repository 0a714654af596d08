import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { describeEachPostgres } from '../../../test/support/postgres-targets';
import { ProjectionBuilds, ReadModelDatabase, ReadModelUnavailableError } from '../src';
import {
  CounterWriter,
  counterProjection,
  eventually,
  tablesStartingWith,
  totalsOnly,
  useCounterServers,
  type CounterReplica,
  type CounterTotals,
} from './rebuild-test-projection';

/** A gate a test opens when it is done looking at what happens while it is closed. */
function gate(): { wait: Promise<void>; open(): void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** Statuses of a projection's builds, as `v<version>g<generation>: status`, retired ones too. */
async function statuses(db: ReadModelDatabase, name: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ version: number; generation: number; status: string }>(
    `select version, generation, status from ${db.table('projection_builds')}
     where name = $1 order by version, generation`,
    [name],
  );
  return Object.fromEntries(rows.map((r) => [`v${r.version}g${r.generation}`, r.status]));
}

describeEachPostgres('projection versions and rebuilds', (target) => {
  const servers = useCounterServers(target, 'projection-rebuild');
  const totalsReach = (replica: CounterReplica, expected: () => CounterTotals, version: 1 | 2) =>
    eventually(
      async () => {
        const totals = await replica.totals();
        const wanted = expected();
        const matches =
          version === 1
            ? isDeepStrictEqual(totalsOnly(totals), totalsOnly(wanted))
            : isDeepStrictEqual(totals, wanted);
        if (!matches)
          throw new Error(`read ${JSON.stringify(totals)}, folded ${JSON.stringify(wanted)}`);
        return totals;
      },
      30_000,
      `the fold of every event in v${version}`,
    );

  it('builds a new version into new tables while the old one serves, switches, and drops the old tables once no replica serves it', async () => {
    const name = 'versioned';
    const writer = new CounterWriter(servers.client, name);
    await writer.add(300);
    const old = await servers.start(counterProjection(name, 1));
    await totalsReach(old, () => writer.expected, 1);

    const held = gate();
    const newer = await servers.start(counterProjection(name, 2, () => held.wait));
    await eventually(
      async () => ((await statuses(servers.db, name)).v2g1 === 'building' ? true : undefined),
      20_000,
      'v2 being built',
    );
    // While v2 is held back: the old version serves and keeps up; the new one refuses reads.
    await writer.add(50);
    await totalsReach(old, () => writer.expected, 1);
    await expect(newer.totals()).rejects.toThrow(ReadModelUnavailableError);
    expect(newer.host.isCaughtUp).toBe(false);
    expect(await tablesStartingWith(servers.db, `${name}_v2_g1_`)).toEqual([
      `${name}_v2_g1_counters`,
    ]);

    held.open();
    await totalsReach(newer, () => writer.expected, 2);
    expect(newer.host.isCaughtUp).toBe(true);
    // A replica of the old version still runs: v1 keeps serving, with its tables.
    await writer.add(20);
    await totalsReach(old, () => writer.expected, 1);
    expect(await statuses(servers.db, name)).toEqual({ v1g1: 'live', v2g1: 'live' });

    await servers.stop(old);
    await eventually(
      async () => ((await statuses(servers.db, name)).v1g1 === 'retired' ? true : undefined),
      20_000,
      'v1 retired once its last replica stopped',
    );
    await eventually(
      async () =>
        (await tablesStartingWith(servers.db, `${name}_v1_`)).length === 0 ? true : undefined,
      10_000,
      'the v1 tables dropped',
    );
    await totalsReach(newer, () => writer.expected, 2);

    // Rolling back to v1 builds it afresh, in a new generation beside the serving v2.
    const rolledBack = await servers.start(counterProjection(name, 1));
    await totalsReach(rolledBack, () => writer.expected, 1);
    expect(await statuses(servers.db, name)).toEqual({
      v1g1: 'retired',
      v1g2: 'live',
      v2g1: 'live',
    });
  });

  it('rebuilds the same version into a new generation while reads keep answering and events keep arriving', async () => {
    const name = 'rebuilt';
    const writer = new CounterWriter(servers.client, name);
    await writer.add(500);
    let held = true;
    // Generation 2's batches fail (and are retried) until the test has seen generation 1 serve
    // and keep up meanwhile; a batch held inside its transaction would hold the runner's
    // connection, which both generations' batches take turns on.
    const definition = counterProjection(name, 1, async ({ counters }) => {
      if (held && counters.includes('_g2_')) throw new Error('held back by the test');
    });
    const runner = await servers.start(definition);
    await totalsReach(runner, () => writer.expected, 1);
    const reader = await servers.start(definition);
    await totalsReach(reader, () => writer.expected, 1);

    const failures: unknown[] = [];
    let reads = 0;
    let reading = true;
    const readers = [runner, reader].map(async (replica) => {
      while (reading) {
        try {
          await replica.totals();
          reads += 1;
        } catch (error) {
          failures.push(error);
        }
        await sleep(5);
      }
    });
    const adding = writer.keepAdding();

    const builds = new ProjectionBuilds(servers.db);
    const request = await builds.requestRebuild(name, 1);
    expect(request).toMatchObject({ requested: true, build: { generation: 2 } });
    await eventually(
      async () => ((await statuses(servers.db, name)).v1g2 === 'building' ? true : undefined),
      10_000,
      'generation 2 being built',
    );
    // Asking again follows the rebuild under way.
    expect(await builds.requestRebuild(name, 1)).toMatchObject({
      requested: false,
      build: { generation: 2, status: 'building' },
    });
    const readsBefore = reads;
    const addedBefore = writer.written.length;
    await eventually(
      async () => (writer.written.length > addedBefore + 30 ? true : undefined),
      10_000,
      'more events',
    );
    // Generation 1 still serves both replicas and keeps being updated (past what was added so far).
    const addedSoFar = writer.expected;
    await eventually(
      async () => {
        const totals = await reader.totals();
        const behind = Object.entries(addedSoFar).filter(
          ([counter, { total }]) => (totals[counter]?.total ?? 0) < total,
        );
        if (behind.length > 0) throw new Error(`behind on ${JSON.stringify(behind)}`);
        return true;
      },
      20_000,
      'generation 1 keeping up',
    );
    expect(reads).toBeGreaterThan(readsBefore);
    expect(await statuses(servers.db, name)).toEqual({ v1g1: 'live', v1g2: 'building' });

    held = false;
    await eventually(
      async () =>
        JSON.stringify(await statuses(servers.db, name)) ===
        JSON.stringify({ v1g1: 'retired', v1g2: 'live' })
          ? true
          : undefined,
      30_000,
      'generation 2 live',
    );
    await adding.stop();
    reading = false;
    await Promise.all(readers);

    expect(failures).toEqual([]);
    await totalsReach(runner, () => writer.expected, 1);
    await totalsReach(reader, () => writer.expected, 1);
    await eventually(
      async () =>
        (await tablesStartingWith(servers.db, `${name}_v1_g1_`)).length === 0 ? true : undefined,
      10_000,
      'the generation 1 tables dropped',
    );
    const [live] = await builds.ofVersion(name, 1);
    expect(live).toMatchObject({ generation: 2, status: 'live' });
    expect(live.eventsApplied).toBe(BigInt(writer.written.length));
  });

  it('a long read of the old generation delays only the drop of its tables, never the new live one', async () => {
    const name = 'long-read';
    const writer = new CounterWriter(servers.client, name);
    await writer.add(100);
    const replica = await servers.start(counterProjection(name, 1));
    await totalsReach(replica, () => writer.expected, 1);
    const reading = new Client({ connectionString: target.connectionString() });
    await reading.connect();
    try {
      await reading.query('begin');
      await reading.query(`select count(*) from ${servers.db.table(`${name}_v1_g1_counters`)}`);

      await new ProjectionBuilds(servers.db).requestRebuild(name, 1);
      await eventually(
        async () => ((await statuses(servers.db, name)).v1g2 === 'live' ? true : undefined),
        20_000,
        'generation 2 live',
      );
      await writer.add(30);
      await totalsReach(replica, () => writer.expected, 1);
      expect(await tablesStartingWith(servers.db, `long_read_v1_g1_`)).toEqual([
        `long_read_v1_g1_counters`,
      ]);
    } finally {
      await reading.query('commit');
      await reading.end();
    }
    await eventually(
      async () =>
        (await tablesStartingWith(servers.db, `long_read_v1_g1_`)).length === 0 ? true : undefined,
      20_000,
      'the generation 1 tables dropped once the read ended',
    );
  });
});
