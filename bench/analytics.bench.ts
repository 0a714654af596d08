import { startPostgresServer } from '@hirestream/embedded-postgres';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import {
  adverseImpactFacts,
  adverseImpactRows,
  type AdverseImpactTables,
} from '../apps/analytics/src/adverse-impact/adverse-impact.projection';
import {
  countFacts,
  type MeasureFilters,
} from '../apps/analytics/src/hiring-facts/hiring-facts.queries';
import {
  hiringFactMigrations,
  type HiringFactTables,
} from '../apps/analytics/src/hiring-facts/hiring-facts.tables';
import { makeTempDir, removeTempDir } from '../test/support/temp-dir';
import { percentile } from './support/keep-alive-load';
import { machineLoad } from './support/machine-load';
import { benchCount } from './support/bench-count';

// The analytics queries at scale: the funnel (`countFacts` of stages reached) and adverse impact
// (`adverseImpactRows`), p50/p99 today and as of a year before, on an embedded PostgreSQL whose
// hiring-facts and adverse-impact tables (the projections' own migrations) hold the read model of
// N candidacies over three years. The tables are SEEDED DIRECTLY in SQL (generate_series), not
// through the events: appending and projecting ~10 events per candidacy takes hours at a million.
const usage = `Usage: npm run bench -- analytics [--candidates N] [--runs N]
  --candidates  candidacies in the read model (default 1,000,000)
  --runs        timed runs of each query (default 50)`;

const YEARS = 3;
const JOBS = 20;
const WARMUP_RUNS = 5;
const END = Date.parse('2031-01-01T00:00:00Z');
const START = END - YEARS * 365 * 86_400_000;

function options(): { candidates: number; runs: number } {
  const { values } = parseArgs({
    options: { candidates: { type: 'string' }, runs: { type: 'string' } },
  });
  const count = (flag: string, text: string | undefined, fallback: number): number =>
    benchCount(flag, text, fallback, usage);
  return {
    candidates: count('candidates', values.candidates, 1_000_000),
    runs: count('runs', values.runs, 50),
  };
}

const hiringTables: HiringFactTables = {
  candidacies: 'hf_candidacies',
  facts: 'hf_facts',
  rollups: 'hf_rollups',
  durations: 'hf_durations',
  feedback: 'hf_feedback',
  scorecards: 'hf_scorecards',
  panel_decisions: 'hf_panel_decisions',
};
const impactTables: AdverseImpactTables = {
  candidacies: 'ai_candidacies',
  daily_counts: 'ai_daily_counts',
  touched_days: 'ai_touched_days',
};

/**
 * Candidacy i: registered evenly over the years, job i mod 20, one of five sources; `r` (a
 * scrambled i mod 100) decides how far it got: screening 60 %, interviewing 30 %, offer 8 %,
 * hired 6 %, each stage a few days after the one before. Its groups: sex by i mod 4, race and
 * ethnicity by i mod 9 (the last two values declined and unknown).
 */
const CANDIDACY = `
  select i, md5(i::text)::uuid as candidate_id, 'job-' || (i % ${JOBS}) as job_id,
    (array['referral','agency','careers-site','job-board','event'])[i % 5 + 1] as source,
    to_timestamp(${START / 1000} + (i::double precision / $1::integer) * ${(END - START) / 1000 - 30 * 86_400}) as registered_at,
    (i::bigint * 7919) % 100 as r
  from generate_series(1, $1::integer) as i`;

const STAGES = `(values ('applied', 0, 100), ('screening', 2, 60), ('interviewing', 6, 30),
  ('offer', 14, 8), ('hired', 21, 6)) as s(stage, after_days, share)`;

async function seed(client: Client, candidates: number): Promise<void> {
  await client.query(
    `insert into ${hiringTables.candidacies} select candidate_id, job_id, source, registered_at
     from (${CANDIDACY}) c`,
    [candidates],
  );
  await client.query(
    `insert into ${hiringTables.facts} (measure, subject, key, candidate_id, at, job_id, source, registered_at)
     select 'stage-reached', candidate_id::text, s.stage, candidate_id,
       registered_at + s.after_days * interval '1 day' + (r * interval '7 minutes'), job_id, source, registered_at
     from (${CANDIDACY}) c cross join ${STAGES} where r < s.share`,
    [candidates],
  );
  // Each fact in one rollup row, as the projection writes them.
  await client.query(
    `insert into ${hiringTables.rollups} (measure, key, day, job_id, source, registered_day, count)
     select measure, key, (at at time zone 'UTC')::date, job_id, source,
       (registered_at at time zone 'UTC')::date, count(*)
     from ${hiringTables.facts} group by 1, 2, 3, 4, 5, 6`,
  );
  // Decisions: screening (of 90 %, passed 60 %), interview (of 60 %, advanced 30 %), offer (of
  // 30 %, extended 8 %), hire (hired 6 % or rejected), each counted per dimension's group and '*'.
  await client.query(
    `create temporary table decided as
     select c.candidate_id, c.job_id, d.stage,
       ((c.registered_at + d.after_days * interval '1 day') at time zone 'UTC')::date as day,
       c.r < d.selected as selected,
       (array['female','male','declined','unknown'])[c.i % 4 + 1] as sex,
       (array['hispanic-or-latino','white','black-or-african-american','asian',
         'native-hawaiian-or-other-pacific-islander','american-indian-or-alaska-native',
         'two-or-more-races','declined','unknown'])[c.i % 9 + 1] as race
     from (${CANDIDACY}) c cross join (values ('screening', 2, 90, 60), ('interview', 8, 60, 30),
       ('offer', 14, 30, 8), ('hire', 21, 100, 6)) as d(stage, after_days, considered, selected)
     where c.r < d.considered`,
    [candidates],
  );
  await client.query(
    `insert into ${impactTables.daily_counts} (day, job_id, dimension, grp, stage, considered, selected)
     select day, job_id, g.dimension, g.grp, stage, count(*), count(*) filter (where selected)
     from decided cross join lateral (values ('*', '*'), ('sex', sex), ('race-ethnicity', race))
       as g(dimension, grp)
     group by 1, 2, 3, 4, 5`,
  );
  await client.query(
    `insert into ${impactTables.touched_days} select distinct day, candidate_id from decided`,
  );
  await client.query(
    `insert into ${impactTables.candidacies}
     select candidate_id, jsonb_build_object('jobId', job_id) from (${CANDIDACY}) c`,
    [candidates],
  );
  await client.query('analyze');
}

async function timed(runs: number, query: () => Promise<unknown>): Promise<string> {
  for (let i = 0; i < WARMUP_RUNS; i += 1) await query();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    await query();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return `p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const { candidates, runs } = options();
  console.log(
    `analytics queries over ${candidates.toLocaleString('en')} candidacies (${YEARS} years, ${JOBS} jobs), ` +
      `${runs} runs each after ${WARMUP_RUNS} warm-up; ${machineLoad()}`,
  );
  console.log(
    '  the hiring-facts and adverse-impact tables are seeded directly in SQL, not through the events',
  );
  const folder = await makeTempDir('analytics-bench-postgres');
  try {
    const server = await startPostgresServer({ port: 0, dataDir: join(folder, 'data') });
    const client = new Client({ connectionString: server.connectionString });
    try {
      await client.connect();
      for (const statement of [
        ...hiringFactMigrations(hiringTables),
        ...adverseImpactFacts.migrations(impactTables),
      ]) {
        await client.query(statement);
      }
      const seeding = Date.now();
      await seed(client, candidates);
      const sizes = await client.query<{ name: string; rows: string }>(
        `select relname as name, n_live_tup::text as rows from pg_stat_user_tables
         where relname in ('hf_facts', 'hf_rollups', 'ai_daily_counts', 'ai_touched_days')
         order by relname`,
      );
      console.log(
        `  seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s: ` +
          sizes.rows
            .map((row) => `${row.name} ${Number(row.rows).toLocaleString('en')}`)
            .join(', '),
      );
      const instants = [
        ['today', new Date(END - 3_600_000).toISOString()],
        ['a year before', new Date(END - 365 * 86_400_000 - 3_600_000).toISOString()],
      ] as const;
      for (const [label, asOf] of instants) {
        const filters: MeasureFilters = { asOf, jobIds: null, source: null, from: null, to: null };
        const ofJob: MeasureFilters = { ...filters, jobIds: ['job-7'] };
        const asOfMs = Date.parse(asOf);
        console.log(`  as of ${label} (${asOf}):`);
        console.log(
          `    funnel, all jobs: ${await timed(runs, () => countFacts(client, hiringTables, 'stage-reached', filters))}`,
        );
        console.log(
          `    funnel, one job: ${await timed(runs, () => countFacts(client, hiringTables, 'stage-reached', ofJob))}`,
        );
        console.log(
          `    adverse impact (hire × race-ethnicity), all jobs: ${await timed(runs, () =>
            adverseImpactRows(client, impactTables, {
              stage: 'hire',
              dimension: 'race-ethnicity',
              asOfMs,
            }),
          )}`,
        );
        console.log(
          `    adverse impact (hire × race-ethnicity), one job: ${await timed(runs, () =>
            adverseImpactRows(client, impactTables, {
              stage: 'hire',
              dimension: 'race-ethnicity',
              jobId: 'job-7',
              asOfMs,
            }),
          )}`,
        );
      }
      console.log(
        "  adverse impact times the SQL (adverseImpactRows); opening the asOf day's touched candidacies' sealed groups is not included",
      );
    } finally {
      await client.end();
      await server.close();
    }
  } finally {
    await removeTempDir(folder);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
