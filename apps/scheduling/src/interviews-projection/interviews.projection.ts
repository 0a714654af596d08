import { CANDIDATE_STREAM_PREFIX, candidateIdOfStream } from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import {
  CandidacyStates,
  PostgresProjectionHost,
  postgresProjection,
  type PersonalColumns,
  type Sql,
} from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import {
  candidateInterviewsJson as states,
  interviewDecider,
  type CandidateStreamEvent,
} from '../domain/interview.decider';
import type { CandidateInterviews, Interview } from '../domain/interview.state';
import { foldCandidate, panelSeatsOf } from './interview-index.read-model';

/** One candidate's interviews as of `revision`, the revision of their whole stream. */
export type CandidateInterviewsRead = Readonly<{ state: CandidateInterviews; revision: bigint }>;

export type InterviewSeat = Readonly<{
  candidateId: string;
  interview: Interview;
  role: Interview['panel'][number]['role'];
}>;

type Tables = 'candidates' | 'panel_seats';

/**
 * Each candidate's kept state, the personal text in it (why an interview moved,
 * why it was cancelled) sealed under the candidacy's key, the rest plain.
 */
const keptStates = new CandidacyStates('interviews.candidates', [
  '/interviews/*/history/*/reason',
  '/interviews/*/cancellationReason',
]);

/** The states of the rows, their personal text opened (`[erased]` once the candidacy's key is erased). */
async function openedStates(
  personal: PersonalColumns,
  rows: readonly Readonly<{ candidate_id: string; state: unknown }>[],
): Promise<CandidateInterviews[]> {
  const opened = await keptStates.open(
    personal,
    rows.map((row) => ({ candidateId: row.candidate_id, state: row.state })),
  );
  return opened.map((state) => states.deserialize(state));
}

async function heldStates(
  sql: Sql,
  candidates: string,
  ids: readonly string[],
  personal: PersonalColumns,
): Promise<Map<string, CandidateInterviews>> {
  const { rows } = await sql.query<{ candidate_id: string; state: unknown }>(
    `select candidate_id, state from ${candidates} where candidate_id = any($1::uuid[])`,
    [ids],
  );
  const opened = await openedStates(personal, rows);
  return new Map(rows.map((row, index) => [row.candidate_id, opened[index]]));
}

const interviews = postgresProjection<Tables, CandidateStreamEvent>({
  name: 'interviews',
  // 2: the personal text of each state is sealed.
  version: 2,
  tables: ['candidates', 'panel_seats'],
  select: { streamPrefixes: [CANDIDATE_STREAM_PREFIX] },
  eventTypes: interviewDecider.eventTypes,
  migrations: ({ candidates, panel_seats }) => [
    `create table ${candidates} (
       candidate_id uuid primary key,
       revision numeric(20, 0) not null,
       state jsonb not null
     )`,
    `create table ${panel_seats} (
       interviewer_id text not null,
       interview_id uuid not null,
       candidate_id uuid not null,
       role text not null,
       starts_at timestamptz not null,
       ends_at timestamptz not null,
       primary key (interviewer_id, interview_id)
     )`,
    `create index on ${panel_seats} (interviewer_id, starts_at)`,
    `create index on ${panel_seats} (candidate_id)`,
  ],
  apply: async (sql, { candidates, panel_seats }, events, revisions, _stored, personal) => {
    const byCandidate = new Map<string, RecordedEvent<CandidateStreamEvent>[]>();
    const touched = [...revisions.keys()].flatMap((stream) => {
      const id = candidateIdOfStream(stream);
      return id === undefined ? [] : [id];
    });
    for (const id of touched) byCandidate.set(id, []);
    for (const recorded of events) {
      byCandidate.get(candidateIdOfStream(recorded.streamName) ?? '')?.push(recorded);
    }
    const held = await heldStates(sql, candidates, touched, personal);
    const folded = touched.map((id) => ({
      id,
      state: foldCandidate(held.get(id), byCandidate.get(id)!),
    }));
    const sealed = await keptStates.seal(
      personal,
      folded.map((c) => ({ candidateId: c.id, state: states.serialize(c.state) })),
    );
    await sql.query(
      `insert into ${candidates} (candidate_id, revision, state)
       select * from unnest($1::uuid[], $2::numeric[], $3::jsonb[])
       on conflict (candidate_id) do update set revision = excluded.revision, state = excluded.state`,
      [
        folded.map((c) => c.id),
        folded.map((c) => revisions.get(`${CANDIDATE_STREAM_PREFIX}${c.id}`)!.toString()),
        sealed.map((state) => JSON.stringify(state)),
      ],
    );
    const seats = folded.flatMap((c) => panelSeatsOf(c.id, c.state));
    await sql.query(`delete from ${panel_seats} where candidate_id = any($1::uuid[])`, [touched]);
    if (seats.length === 0) return;
    await sql.query(
      `insert into ${panel_seats} (interviewer_id, interview_id, candidate_id, role, starts_at, ends_at)
       select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::timestamptz[])`,
      [
        seats.map((s) => s.interviewerId),
        seats.map((s) => s.interviewId),
        seats.map((s) => s.candidateId),
        seats.map((s) => s.role),
        seats.map((s) => s.startsAt),
        seats.map((s) => s.endsAt),
      ],
    );
  },
});

/**
 * Every candidate's interviews in PostgreSQL (each candidate's folded state, at
 * the revision of their whole stream, usable for `If-Match`) and every panel
 * seat, for interviewers' reads. Eventually consistent; commands never read it.
 */
@Injectable()
export class InterviewsProjection extends PostgresProjectionHost(interviews) {
  /** Undefined until the candidate's stream has an event the projection has seen. */
  candidate(candidateId: string): Promise<CandidateInterviewsRead | undefined> {
    return this.read(async (sql, { candidates }) => {
      const { rows } = await sql.query<{
        candidate_id: string;
        revision: string;
        state: unknown;
      }>(`select candidate_id, revision, state from ${candidates} where candidate_id = $1`, [
        candidateId,
      ]);
      const row = rows[0];
      if (row === undefined) return undefined;
      const [state] = await openedStates(this.personal, [row]);
      return { state, revision: BigInt(row.revision) };
    });
  }

  /** The candidates' interviews the projection has seen, by candidate id. */
  candidates(candidateIds: readonly string[]): Promise<Map<string, CandidateInterviews>> {
    return this.read((sql, { candidates }) =>
      heldStates(sql, candidates, candidateIds, this.personal),
    );
  }

  /** The interviews on whose panel the interviewer sits overlapping [from, to), any status, earliest first. */
  seatsOf(interviewerId: string, from: string, to: string): Promise<InterviewSeat[]> {
    return this.read(async (sql, { candidates, panel_seats }) => {
      const { rows } = await sql.query<{
        candidate_id: string;
        interview_id: string;
        state: unknown;
      }>(
        `select s.candidate_id, s.interview_id, c.state from ${panel_seats} s
         join ${candidates} c on c.candidate_id = s.candidate_id
         where s.interviewer_id = $1 and s.starts_at < $3 and s.ends_at > $2
         order by s.starts_at, s.interview_id`,
        [interviewerId, from, to],
      );
      const opened = await openedStates(this.personal, rows);
      return rows.flatMap((row, index) => {
        const interview = opened[index].interviews.get(row.interview_id);
        const seat = interview?.panel.find((member) => member.interviewerId === interviewerId);
        return interview === undefined || seat === undefined
          ? []
          : [{ candidateId: row.candidate_id, interview, role: seat.role }];
      });
    });
  }
}
