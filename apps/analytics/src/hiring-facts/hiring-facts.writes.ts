import type { Sql } from '@hirestream/read-models';
import type { HiringFactChanges } from './hiring-facts.fold';
import type { HiringFactTables } from './hiring-facts.tables';

const HOUR_SECONDS = 3600;

/**
 * Writes a batch's rows, each statement seeing the earlier ones' (a stay's
 * start is its stage's fact, a turnaround's the request). A fact already
 * there is not written again, and only facts written are added to the
 * rollups, so replaying a batch, or a fact recorded twice, counts once.
 */
export async function writeHiringFacts(
  sql: Sql,
  t: HiringFactTables,
  changes: HiringFactChanges,
): Promise<void> {
  const { candidacies, facts, feedback, stagesLeft, hires, scorecards, panelDecisions } = changes;
  if (candidacies.length > 0) {
    await sql.query(
      `insert into ${t.candidacies} (candidate_id, job_id, source, registered_at)
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])
       on conflict (candidate_id) do nothing`,
      [
        candidacies.map((c) => c.candidateId),
        candidacies.map((c) => c.jobId),
        candidacies.map((c) => c.source),
        candidacies.map((c) => c.registeredAt),
      ],
    );
  }
  if (facts.length > 0) {
    await sql.query(
      `with given as (
         select distinct on (measure, subject, key) u.*, c.job_id, c.source, c.registered_at
         from unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::timestamptz[])
           with ordinality as u(measure, subject, key, candidate_id, at, n)
         join ${t.candidacies} c using (candidate_id)
         order by measure, subject, key, n
       ), inserted as (
         insert into ${t.facts} (measure, subject, key, candidate_id, at, job_id, source, registered_at)
         select measure, subject, key, candidate_id, at, job_id, source, registered_at from given
         on conflict do nothing
         returning measure, key, at, job_id, source, registered_at
       )
       insert into ${t.rollups} (measure, key, day, job_id, source, registered_day, count)
       select measure, key, (at at time zone 'UTC')::date, job_id, source,
         (registered_at at time zone 'UTC')::date, count(*)
       from inserted group by 1, 2, 3, 4, 5, 6
       on conflict (measure, day, key, job_id, source, registered_day)
         do update set count = ${t.rollups}.count + excluded.count`,
      [
        facts.map((f) => f.measure),
        facts.map((f) => f.subject),
        facts.map((f) => f.key),
        facts.map((f) => f.candidateId),
        facts.map((f) => f.at),
      ],
    );
  }
  for (const change of ['requested', 'submitted', 'withdrawn'] as const) {
    const rows = feedback.filter((f) => f.change === change);
    if (rows.length === 0) continue;
    const params = [
      rows.map((f) => f.interviewId),
      rows.map((f) => f.interviewerId),
      rows.map((f) => f.at),
    ];
    if (change === 'requested') {
      await sql.query(
        `insert into ${t.feedback} (interview_id, interviewer_id, candidate_id, round, requested_at,
           due_at, job_id, source, registered_at)
         select u.interview_id, u.interviewer_id, u.candidate_id, u.round, u.at, u.due_at,
           c.job_id, c.source, c.registered_at
         from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::timestamptz[],
           $6::integer[]) as u(interview_id, interviewer_id, at, candidate_id, due_at, round)
         join ${t.candidacies} c using (candidate_id)
         on conflict do nothing`,
        [
          ...params,
          rows.map((f) => f.candidateId),
          rows.map((f) => f.dueAt),
          rows.map((f) => f.round),
        ],
      );
    } else {
      const column = change === 'submitted' ? 'submitted_at' : 'withdrawn_at';
      await sql.query(
        `update ${t.feedback} f set ${column} = u.at
         from unnest($1::uuid[], $2::text[], $3::timestamptz[]) as u(interview_id, interviewer_id, at)
         where f.interview_id = u.interview_id and f.interviewer_id = u.interviewer_id
           and f.${column} is null`,
        params,
      );
    }
  }
  if (scorecards.length > 0) {
    // The request gives the round and the candidacy's job, source and registration.
    await sql.query(
      `insert into ${t.scorecards} (event_id, interview_id, interviewer_id, candidate_id, round, at,
         revision, recommendation, rating_sum, ratings_given, job_id, source, registered_at)
       select u.event_id, u.interview_id, u.interviewer_id, f.candidate_id, f.round, u.at,
         u.revision, u.recommendation, u.rating_sum, u.ratings_given, f.job_id, f.source,
         f.registered_at
       from unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[], $5::bigint[], $6::text[],
         $7::integer[], $8::integer[])
         as u(event_id, interview_id, interviewer_id, at, revision, recommendation, rating_sum,
           ratings_given)
       join ${t.feedback} f using (interview_id, interviewer_id)
       on conflict do nothing`,
      [
        scorecards.map((s) => s.eventId),
        scorecards.map((s) => s.interviewId),
        scorecards.map((s) => s.interviewerId),
        scorecards.map((s) => s.at),
        scorecards.map((s) => s.revision.toString()),
        scorecards.map((s) => s.recommendation),
        scorecards.map((s) => s.ratingSum),
        scorecards.map((s) => s.ratingsGiven),
      ],
    );
  }
  if (panelDecisions.length > 0) {
    await sql.query(
      `insert into ${t.panel_decisions} (event_id, candidate_id, round, decision, at, revision)
       select * from unnest($1::text[], $2::uuid[], $3::integer[], $4::text[], $5::timestamptz[],
         $6::bigint[])
       on conflict do nothing`,
      [
        panelDecisions.map((d) => d.eventId),
        panelDecisions.map((d) => d.candidateId),
        panelDecisions.map((d) => d.round),
        panelDecisions.map((d) => d.decision),
        panelDecisions.map((d) => d.at),
        panelDecisions.map((d) => d.revision.toString()),
      ],
    );
  }
  const submitted = feedback.filter((f) => f.change === 'submitted');
  if (stagesLeft.length + hires.length + submitted.length === 0) return;
  await sql.query(
    `with spans as (
       select 'stage-time' as measure, f.candidate_id::text as subject, f.key, f.at as started_at,
         u.at, f.job_id, f.source, f.registered_at
       from unnest($1::uuid[], $2::text[], $3::timestamptz[]) as u(candidate_id, stage, at)
       join ${t.facts} f on f.measure = 'stage-reached' and f.subject = u.candidate_id::text
         and f.key = u.stage
       union all
       select 'time-to-hire', c.candidate_id::text, '', c.registered_at, u.at, c.job_id, c.source,
         c.registered_at
       from unnest($4::uuid[], $5::timestamptz[]) as u(candidate_id, at)
       join ${t.candidacies} c using (candidate_id)
       union all
       select 'feedback-turnaround', f.interview_id || ':' || f.interviewer_id, '', f.requested_at,
         f.submitted_at, f.job_id, f.source, f.registered_at
       from unnest($6::uuid[], $7::text[]) as u(interview_id, interviewer_id)
       join ${t.feedback} f using (interview_id, interviewer_id)
       where f.submitted_at is not null
     )
     insert into ${t.durations} (measure, subject, key, started_at, at, hours, job_id, source,
       registered_at)
     select distinct on (measure, subject, key) measure, subject, key, started_at, at,
       extract(epoch from at - started_at) / ${HOUR_SECONDS}, job_id, source, registered_at
     from spans order by measure, subject, key, at
     on conflict do nothing`,
    [
      stagesLeft.map((s) => s.candidateId),
      stagesLeft.map((s) => s.stage),
      stagesLeft.map((s) => s.at),
      hires.map((h) => h.candidateId),
      hires.map((h) => h.at),
      submitted.map((f) => f.interviewId),
      submitted.map((f) => f.interviewerId),
    ],
  );
}
