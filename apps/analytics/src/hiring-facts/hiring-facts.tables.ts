import type { ProjectionTables } from '@hirestream/read-models';

export type HiringFactTable =
  'candidacies' | 'facts' | 'rollups' | 'durations' | 'feedback' | 'scorecards' | 'panel_decisions';
export type HiringFactTables = ProjectionTables<HiringFactTable>;

/**
 * Ids, vocabularies and times only, nothing personal. Each fact and duration
 * carries its candidacy's job, source and registration (copied from
 * `candidacies` as it is written), so every measure filters without a join.
 * Days are UTC days.
 */
export const hiringFactMigrations = (t: HiringFactTables): string[] => [
  `create table ${t.candidacies} (
     candidate_id uuid primary key,
     job_id text not null,
     source text not null,
     registered_at timestamptz not null
   )`,
  // Append-only: one row per (measure, subject, key), the first time it happened.
  `create table ${t.facts} (
     measure text not null,
     subject text not null,
     key text not null,
     candidate_id uuid not null,
     at timestamptz not null,
     job_id text not null,
     source text not null,
     registered_at timestamptz not null,
     primary key (measure, subject, key)
   )`,
  // The asOf day's part of a count: the day's facts up to the instant.
  `create index on ${t.facts} (measure, at)`,
  `create index on ${t.facts} (candidate_id, measure, key)`,
  // The facts counted per UTC day, job, source and registration day; each fact in exactly one row.
  `create table ${t.rollups} (
     measure text not null,
     key text not null,
     day date not null,
     job_id text not null,
     source text not null,
     registered_day date not null,
     count bigint not null,
     primary key (measure, day, key, job_id, source, registered_day)
   )`,
  // Completed spans (a stay in a stage, registration to hire, a feedback turnaround), ended `at`.
  `create table ${t.durations} (
     measure text not null,
     subject text not null,
     key text not null,
     started_at timestamptz not null,
     at timestamptz not null,
     hours double precision not null,
     job_id text not null,
     source text not null,
     registered_at timestamptz not null,
     primary key (measure, subject, key)
   )`,
  `create index on ${t.durations} (measure, key, at)`,
  // Each panelist's feedback request: asked, due, given or withdrawn, for turnaround and overdue.
  `create table ${t.feedback} (
     interview_id uuid not null,
     interviewer_id text not null,
     candidate_id uuid not null,
     round integer not null,
     requested_at timestamptz not null,
     due_at timestamptz not null,
     submitted_at timestamptz,
     withdrawn_at timestamptz,
     job_id text not null,
     source text not null,
     registered_at timestamptz not null,
     primary key (interview_id, interviewer_id)
   )`,
  `create index on ${t.feedback} (due_at)`,
  // Each version of a panelist's scorecard (submitted, then amended), for calibration as of an
  // instant: the one in force is the latest by then. Ratings summed, no words.
  `create table ${t.scorecards} (
     event_id text primary key,
     interview_id uuid not null,
     interviewer_id text not null,
     candidate_id uuid not null,
     round integer not null,
     at timestamptz not null,
     revision bigint not null,
     recommendation text not null,
     rating_sum integer not null,
     ratings_given integer not null,
     job_id text not null,
     source text not null,
     registered_at timestamptz not null
   )`,
  `create index on ${t.scorecards} (at)`,
  // Each panel decision on a round; the round's decision as of an instant is its latest by then.
  `create table ${t.panel_decisions} (
     event_id text primary key,
     candidate_id uuid not null,
     round integer not null,
     decision text not null,
     at timestamptz not null,
     revision bigint not null
   )`,
  `create index on ${t.panel_decisions} (candidate_id, round, at)`,
];
