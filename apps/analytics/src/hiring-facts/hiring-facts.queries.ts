import type { Sql } from '@hirestream/read-models';
import type { Measure } from './hiring-facts.fold';
import type { HiringFactTables } from './hiring-facts.tables';

/**
 * What a measure counts: facts that happened by `asOf`, of candidacies of
 * `jobIds` (null: any), from `source` (null: any), registered on a UTC day
 * between `from` and `to` (inclusive; null: unbounded).
 */
export type MeasureFilters = Readonly<{
  asOf: string;
  jobIds: readonly string[] | null;
  source: string | null;
  from: string | null;
  to: string | null;
}>;

const filterParams = (f: MeasureFilters) => [f.asOf, f.jobIds, f.source, f.from, f.to];

/** The filters on a row carrying `registered_at` (parameters $1 to $5). */
const RAW_FILTERS = `($2::text[] is null or job_id = any($2))
  and ($3::text is null or source = $3)
  and ($4::date is null or registered_at >= $4::date::timestamp at time zone 'UTC')
  and ($5::date is null or registered_at < ($5::date + 1)::timestamp at time zone 'UTC')`;

const ROLLUP_FILTERS = `($2::text[] is null or job_id = any($2))
  and ($3::text is null or source = $3)
  and ($4::date is null or registered_day >= $4::date)
  and ($5::date is null or registered_day <= $5::date)`;

const AS_OF_DAY = `($1::timestamptz at time zone 'UTC')::date`;
const AS_OF_DAY_START = `date_trunc('day', $1::timestamptz at time zone 'UTC') at time zone 'UTC'`;

/**
 * How many facts of `measure` there were by `asOf`, per key. Exact and fast:
 * the rollups of the whole days before asOf's day, plus that day's facts up to
 * the instant (the facts are append-only, each in one rollup row).
 */
export async function countFacts(
  sql: Sql,
  t: HiringFactTables,
  measure: Measure,
  filters: MeasureFilters,
): Promise<Map<string, number>> {
  const { rows } = await sql.query<{ key: string; count: string }>(
    `select key, sum(n) as count from (
       select key, count as n from ${t.rollups}
       where measure = $6 and day < ${AS_OF_DAY} and ${ROLLUP_FILTERS}
       union all
       select key, 1 from ${t.facts}
       where measure = $6 and at >= ${AS_OF_DAY_START} and at <= $1 and ${RAW_FILTERS}
     ) as counted group by key`,
    [...filterParams(filters), measure],
  );
  return new Map(rows.map((row) => [row.key, Number(row.count)]));
}

export type Interval = 'week' | 'month';

/**
 * The facts of `measure` with `key` per week (from Monday) or month, by `asOf`:
 * the rollups' days grouped, plus asOf's day's facts; periods without any are left out.
 */
export async function countFactsPerPeriod(
  sql: Sql,
  t: HiringFactTables,
  measure: Measure,
  key: string,
  interval: Interval,
  filters: MeasureFilters,
): Promise<{ periodStart: string; count: number }[]> {
  const { rows } = await sql.query<{ period_start: string; count: string }>(
    `select to_char(date_trunc($8::text, day::timestamp), 'YYYY-MM-DD') as period_start, sum(n) as count from (
       select day, count as n from ${t.rollups}
       where measure = $6 and key = $7 and day < ${AS_OF_DAY} and ${ROLLUP_FILTERS}
       union all
       select (at at time zone 'UTC')::date, 1 from ${t.facts}
       where measure = $6 and key = $7 and at >= ${AS_OF_DAY_START} and at <= $1 and ${RAW_FILTERS}
     ) as counted group by 1 order by 1`,
    [...filterParams(filters), measure, key, interval],
  );
  return rows.map((row) => ({ periodStart: row.period_start, count: Number(row.count) }));
}

export type DurationMeasure = 'stage-time' | 'time-to-hire' | 'feedback-turnaround';

export type DurationSummary = Readonly<{
  key: string;
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}>;

/**
 * The spans of `measure` ended by `asOf`, per key: how many, and the median and
 * 90th percentile of their hours (`percentile_cont`, as the domain's
 * `percentiles.ts`). Percentiles do not add up, so they read the rows.
 */
export async function summarizeDurations(
  sql: Sql,
  t: HiringFactTables,
  measure: DurationMeasure,
  filters: MeasureFilters,
): Promise<Map<string, DurationSummary>> {
  const { rows } = await sql.query<{ key: string; count: string; p: number[] }>(
    `select key, count(*) as count,
       percentile_cont(array[0.5, 0.9]) within group (order by hours) as p
     from ${t.durations}
     where measure = $6 and at <= $1 and ${RAW_FILTERS}
     group by key`,
    [...filterParams(filters), measure],
  );
  return new Map(
    rows.map((row) => [
      row.key,
      {
        key: row.key,
        count: Number(row.count),
        medianHours: row.p[0] ?? null,
        p90Hours: row.p[1] ?? null,
      },
    ]),
  );
}

/**
 * Feedback requests open past their due time at `asOf`: asked by then, due
 * before it, neither given nor withdrawn by then.
 */
export async function countOverdueFeedback(
  sql: Sql,
  t: HiringFactTables,
  filters: MeasureFilters,
): Promise<number> {
  const { rows } = await sql.query<{ count: string }>(
    `select count(*) as count from ${t.feedback}
     where due_at < $1 and requested_at <= $1
       and (submitted_at is null or submitted_at > $1)
       and (withdrawn_at is null or withdrawn_at > $1)
       and ${RAW_FILTERS}`,
    filterParams(filters),
  );
  return Number(rows[0].count);
}

/** One interviewer's scorecards in force at `asOf`, beside the panels' decisions by then. */
export type InterviewerCalibrationCounts = Readonly<{
  interviewerId: string;
  scorecards: number;
  /** Of every criterion rating given (1 to 4; "not assessed" left out); null when none. */
  meanRating: number | null;
  hireRecommendations: number;
  /** On rounds whose latest decision by `asOf` is an advance or a reject (a hold decides nothing). */
  decided: number;
  agreed: number;
}>;

/**
 * Per interviewer, the scorecards submitted by `asOf`, each as its latest
 * amendment by then has it, and the latest decision by then on its round. The
 * versions are few per scorecard, so this reads the rows (index on `at`).
 */
export async function summarizeCalibration(
  sql: Sql,
  t: HiringFactTables,
  filters: MeasureFilters,
): Promise<InterviewerCalibrationCounts[]> {
  const { rows } = await sql.query<{
    interviewer_id: string;
    scorecards: string;
    mean_rating: number | null;
    hire: string;
    decided: string;
    agreed: string;
  }>(
    `with cards as (
       select distinct on (interview_id, interviewer_id) interviewer_id, candidate_id, round,
         recommendation in ('yes', 'strong-yes') as hire, rating_sum, ratings_given
       from ${t.scorecards}
       where at <= $1 and ${RAW_FILTERS}
       order by interview_id, interviewer_id, at desc, revision desc
     ), judged as (
       select cards.*, (
         select decision from ${t.panel_decisions} d
         where d.candidate_id = cards.candidate_id and d.round = cards.round and d.at <= $1
         order by d.at desc, d.revision desc limit 1
       ) as decision
       from cards
     )
     select interviewer_id, count(*) as scorecards,
       sum(rating_sum)::double precision / nullif(sum(ratings_given), 0) as mean_rating,
       count(*) filter (where hire) as hire,
       count(*) filter (where decision in ('advance', 'reject')) as decided,
       count(*) filter (where (hire and decision = 'advance') or (not hire and decision = 'reject'))
         as agreed
     from judged group by interviewer_id order by interviewer_id`,
    filterParams(filters),
  );
  return rows.map((row) => ({
    interviewerId: row.interviewer_id,
    scorecards: Number(row.scorecards),
    meanRating: row.mean_rating,
    hireRecommendations: Number(row.hire),
    decided: Number(row.decided),
    agreed: Number(row.agreed),
  }));
}
