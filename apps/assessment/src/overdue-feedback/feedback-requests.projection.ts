import { PostgresProjectionHost, postgresProjection, type Sql } from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import {
  FEEDBACK_REQUEST_LIST_EVENT_TYPES,
  feedbackRequestChanges,
  type FeedbackRequestChange,
  type FeedbackRequestListEvent,
  type FeedbackRequestRow,
  type FeedbackRequestStatus,
} from './feedback-requests.read-model';

type Change<K extends FeedbackRequestChange['kind']> = Extract<FeedbackRequestChange, { kind: K }>;

async function applyRun(sql: Sql, table: string, run: FeedbackRequestChange[]): Promise<void> {
  switch (run[0].kind) {
    case 'request': {
      const rows = (run as Change<'request'>[]).map((change) => change.row);
      await sql.query(
        `insert into ${table} (candidate_id, interview_id, interviewer_id, interview_kind, round,
           requested_at, due_at, status, settled_at)
         select u.*, 'open', null from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[],
           $5::int[], $6::timestamptz[], $7::timestamptz[]) as u
         on conflict do nothing`,
        [
          rows.map((r) => r.candidateId),
          rows.map((r) => r.interviewId),
          rows.map((r) => r.interviewerId),
          rows.map((r) => r.interviewKind),
          rows.map((r) => r.round),
          rows.map((r) => r.requestedAt),
          rows.map((r) => r.dueAt),
        ],
      );
      return;
    }
    case 'settle': {
      const settled = run as Change<'settle'>[];
      await sql.query(
        `update ${table} as t set status = u.status, settled_at = u.at
         from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[])
           as u(candidate_id, interview_id, interviewer_id, status, at)
         where t.candidate_id = u.candidate_id and t.interview_id = u.interview_id
           and t.interviewer_id = u.interviewer_id and t.status = 'open'`,
        [
          settled.map((s) => s.key.candidateId),
          settled.map((s) => s.key.interviewId),
          settled.map((s) => s.key.interviewerId),
          settled.map((s) => s.status),
          settled.map((s) => s.at),
        ],
      );
      return;
    }
    case 'lapse': {
      const lapses = run as Change<'lapse'>[];
      await sql.query(
        `update ${table} as t set status = 'lapsed', settled_at = u.at
         from unnest($1::uuid[], $2::int[], $3::timestamptz[]) as u(candidate_id, round, at)
         where t.candidate_id = u.candidate_id and (u.round is null or t.round = u.round)
           and t.status = 'open'`,
        [lapses.map((l) => l.candidateId), lapses.map((l) => l.round), lapses.map((l) => l.at)],
      );
      return;
    }
  }
}

const feedbackRequestList = postgresProjection<'requests', FeedbackRequestListEvent>({
  name: 'feedback-requests',
  version: 2,
  tables: ['requests'],
  select: { eventTypes: FEEDBACK_REQUEST_LIST_EVENT_TYPES },
  migrations: ({ requests }) => [
    `create table ${requests} (
       candidate_id uuid not null,
       interview_id uuid not null,
       interviewer_id text not null,
       interview_kind text not null,
       round int not null,
       requested_at timestamptz not null,
       due_at timestamptz not null,
       status text not null,
       settled_at timestamptz,
       primary key (candidate_id, interview_id, interviewer_id)
     )`,
    // Soonest due first, per interviewer and per candidate.
    `create index on ${requests} (interviewer_id, status, due_at)`,
    `create index on ${requests} (candidate_id, due_at)`,
  ],
  apply: async (sql, { requests }, events) => {
    for (const run of feedbackRequestChanges(events)) await applyRun(sql, requests, run);
  },
});

/**
 * Which requests a list holds: every one, those of a status, or the overdue
 * (open and due before `overdueAt`); a page of them, soonest due first.
 */
export type FeedbackRequestFilter = Readonly<{
  status: FeedbackRequestStatus | null;
  overdueAt: string | null;
  limit: number;
  offset: number;
}>;

type Row = {
  candidate_id: string;
  interview_id: string;
  interviewer_id: string;
  interview_kind: FeedbackRequestRow['interviewKind'];
  round: number;
  requested_at: Date;
  due_at: Date;
  status: FeedbackRequestStatus;
  settled_at: Date | null;
};

function rowOf(row: Row): FeedbackRequestRow {
  return {
    candidateId: row.candidate_id,
    interviewId: row.interview_id,
    interviewerId: row.interviewer_id,
    interviewKind: row.interview_kind,
    round: row.round,
    requestedAt: row.requested_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    status: row.status,
    settledAt: row.settled_at?.toISOString() ?? null,
  };
}

/** Every feedback request, open, settled or lapsed, in PostgreSQL; for queries only. */
@Injectable()
export class FeedbackRequestsProjection extends PostgresProjectionHost(feedbackRequestList) {
  /** The requests of one interviewer, or of one candidate, matching the filter, soonest due first. */
  list(
    of: Readonly<{ interviewerId: string } | { candidateId: string }>,
    filter: FeedbackRequestFilter,
  ): Promise<FeedbackRequestRow[]> {
    const [where, id] =
      'interviewerId' in of
        ? (['interviewer_id = $1', of.interviewerId] as const)
        : (['candidate_id = $1::uuid', of.candidateId] as const);
    return this.read(async (sql, { requests }) => {
      const { rows } = await sql.query<Row>(
        `select * from ${requests}
         where ${where} and ($2::text is null or status = $2)
           and ($3::timestamptz is null or (status = 'open' and due_at < $3))
         order by due_at, candidate_id, interview_id, interviewer_id
         limit $4 offset $5`,
        [id, filter.status, filter.overdueAt, filter.limit, filter.offset],
      );
      return rows.map(rowOf);
    });
  }
}
