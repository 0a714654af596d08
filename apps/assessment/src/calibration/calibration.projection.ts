import { candidateIdOfStream } from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import {
  CandidacyStates,
  PostgresProjectionHost,
  postgresProjection,
  type PersonalColumns,
  type Sql,
} from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import type { FeedbackStateEvent } from '../domain/feedback.state';
import {
  panelDecisionStateJson as states,
  type PanelDecisionState,
} from '../domain/panel-decision.state';
import { calibrationRowsOf, foldCandidate } from './calibration.read-model';
import type { CalibrationList, CalibrationQuery, InterviewerCalibration } from './calibration.view';

type Tables = 'candidates' | 'feedback';

/**
 * Only the feedback and the decisions: a request carries its round, so the
 * candidacy and the interviews themselves are not needed here.
 */
const CALIBRATION_EVENT_TYPES = [
  'FeedbackRequested',
  'FeedbackRequestWithdrawn',
  'FeedbackDraftSaved',
  'FeedbackSubmitted',
  'FeedbackAmended',
  'PanelDecisionRecorded',
] as const satisfies readonly FeedbackStateEvent['type'][];

const SCORECARD_TEXT = ['strengths', 'concerns', 'notes'];

/**
 * Each candidate's kept state, the personal text in it sealed under the
 * candidacy's key: each scorecard's words (of the draft, the submission and
 * every amendment, with its reason) and each decision's. The calibration reads
 * none of it, only the ratings, recommendations and decisions beside it.
 */
const keptStates = new CandidacyStates('calibration.candidates', [
  ...['draft', 'submitted', 'amendments/*'].flatMap((scorecard) =>
    SCORECARD_TEXT.map((field) => `/requests/*/${scorecard}/${field}`),
  ),
  '/requests/*/amendments/*/reason',
  '/decisions/*/rationale',
  '/decisions/*/feedbackForCandidate',
  '/decisions/*/override/reason',
]);

async function heldStates(
  sql: Sql,
  candidates: string,
  ids: readonly string[],
  personal: PersonalColumns,
): Promise<Map<string, PanelDecisionState>> {
  const { rows } = await sql.query<{ candidate_id: string; state: unknown }>(
    `select candidate_id, state from ${candidates} where candidate_id = any($1::uuid[])`,
    [ids],
  );
  const opened = await keptStates.open(
    personal,
    rows.map((row) => ({ candidateId: row.candidate_id, state: row.state })),
  );
  return new Map(rows.map((row, index) => [row.candidate_id, states.deserialize(opened[index])]));
}

const calibration = postgresProjection<Tables, FeedbackStateEvent>({
  name: 'calibration',
  // Bump when the tables, `apply` or the folds it stores change (the shared `evolveFeedback` too).
  // 2: the personal text of each state is sealed.
  version: 2,
  tables: ['candidates', 'feedback'],
  select: { eventTypes: CALIBRATION_EVENT_TYPES },
  migrations: ({ candidates, feedback }) => [
    `create table ${candidates} (candidate_id uuid primary key, state jsonb not null)`,
    `create table ${feedback} (
       interviewer_id text not null,
       candidate_id uuid not null,
       interview_id uuid not null,
       round integer not null,
       recommendation text not null,
       rated_1 integer not null,
       rated_2 integer not null,
       rated_3 integer not null,
       rated_4 integer not null,
       not_assessed integer not null,
       decision text,
       primary key (interviewer_id, candidate_id, interview_id)
     )`,
    `create index on ${feedback} (candidate_id)`,
  ],
  apply: async (sql, { candidates, feedback }, events, _revisions, _stored, personal) => {
    const byCandidate = new Map<string, RecordedEvent<FeedbackStateEvent>[]>();
    for (const recorded of events) {
      const id = candidateIdOfStream(recorded.streamName);
      if (id === undefined) continue;
      const batch = byCandidate.get(id);
      if (batch === undefined) byCandidate.set(id, [recorded]);
      else batch.push(recorded);
    }
    const touched = [...byCandidate.keys()];
    if (touched.length === 0) return;
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
      `insert into ${candidates} (candidate_id, state)
       select * from unnest($1::uuid[], $2::jsonb[])
       on conflict (candidate_id) do update set state = excluded.state`,
      [folded.map((c) => c.id), sealed.map((state) => JSON.stringify(state))],
    );
    const rows = folded.flatMap((c) => calibrationRowsOf(c.id, c.state));
    await sql.query(`delete from ${feedback} where candidate_id = any($1::uuid[])`, [touched]);
    if (rows.length === 0) return;
    await sql.query(
      `insert into ${feedback} (interviewer_id, candidate_id, interview_id, round, recommendation,
         rated_1, rated_2, rated_3, rated_4, not_assessed, decision)
       select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::int[], $5::text[],
         $6::int[], $7::int[], $8::int[], $9::int[], $10::int[], $11::text[])`,
      [
        rows.map((r) => r.interviewerId),
        rows.map((r) => r.candidateId),
        rows.map((r) => r.interviewId),
        rows.map((r) => r.round),
        rows.map((r) => r.recommendation),
        ...[0, 1, 2, 3].map((i) => rows.map((r) => r.rated[i])),
        rows.map((r) => r.notAssessed),
        rows.map((r) => r.decision),
      ],
    );
  },
});

type SummaryRow = Readonly<Record<string, number> & { interviewer_id: string }>;

const POSITIVE = `recommendation in ('yes', 'strong-yes')`;
const NEGATIVE = `recommendation in ('no', 'strong-no')`;

/** One row per interviewer: their rating and recommendation counts and how they sit by the decisions. */
const SUMMARY = `interviewer_id,
  count(*)::int as feedback_given,
  sum(rated_1)::int as rated_1, sum(rated_2)::int as rated_2,
  sum(rated_3)::int as rated_3, sum(rated_4)::int as rated_4,
  sum(not_assessed)::int as not_assessed,
  count(*) filter (where recommendation = 'strong-no')::int as strong_no,
  count(*) filter (where recommendation = 'no')::int as no,
  count(*) filter (where recommendation = 'yes')::int as yes,
  count(*) filter (where recommendation = 'strong-yes')::int as strong_yes,
  count(*) filter (where (decision = 'advance' and ${POSITIVE}) or (decision = 'reject' and ${NEGATIVE}))::int as agreed,
  count(*) filter (where (decision = 'advance' and ${NEGATIVE}) or (decision = 'reject' and ${POSITIVE}))::int as disagreed,
  count(*) filter (where (decision = 'advance' and recommendation = 'strong-no')
    or (decision = 'reject' and recommendation = 'strong-yes'))::int as strongly_disagreed,
  count(*) filter (where decision = 'hold')::int as held,
  count(*) filter (where decision is null)::int as undecided`;

function calibrationOf(row: SummaryRow): InterviewerCalibration {
  const judged = row.agreed + row.disagreed;
  return {
    interviewerId: row.interviewer_id,
    feedbackGiven: row.feedback_given,
    ratings: {
      '1': row.rated_1,
      '2': row.rated_2,
      '3': row.rated_3,
      '4': row.rated_4,
      notAssessed: row.not_assessed,
    },
    recommendations: {
      'strong-no': row.strong_no,
      no: row.no,
      yes: row.yes,
      'strong-yes': row.strong_yes,
    },
    decisions: {
      agreed: row.agreed,
      disagreed: row.disagreed,
      stronglyDisagreed: row.strongly_disagreed,
      held: row.held,
      undecided: row.undecided,
      agreementRate: judged === 0 ? null : row.agreed / judged,
    },
  };
}

const NO_FEEDBACK: Omit<SummaryRow, 'interviewer_id'> = {
  feedback_given: 0,
  rated_1: 0,
  rated_2: 0,
  rated_3: 0,
  rated_4: 0,
  not_assessed: 0,
  strong_no: 0,
  no: 0,
  yes: 0,
  strong_yes: 0,
  agreed: 0,
  disagreed: 0,
  strongly_disagreed: 0,
  held: 0,
  undecided: 0,
};

/**
 * Each interviewer's submitted feedback beside the panel decisions of its
 * rounds, in PostgreSQL; eventually consistent, for queries only.
 */
@Injectable()
export class CalibrationProjection extends PostgresProjectionHost(calibration) {
  /** The interviewer's calibration; all zeros for someone who never submitted feedback. */
  ofInterviewer(interviewerId: string): Promise<InterviewerCalibration> {
    return this.read(async (sql, { feedback }) => {
      const { rows } = await sql.query<SummaryRow>(
        `select ${SUMMARY} from ${feedback} where interviewer_id = $1 group by interviewer_id`,
        [interviewerId],
      );
      return calibrationOf(rows[0] ?? { ...NO_FEEDBACK, interviewer_id: interviewerId });
    });
  }

  /** Every interviewer with submitted feedback, by id, one page at a time. */
  page({ limit, offset }: CalibrationQuery): Promise<Omit<CalibrationList, 'limit' | 'offset'>> {
    return this.read(async (sql, { feedback }) => {
      const { rows } = await sql.query<SummaryRow>(
        `select ${SUMMARY} from ${feedback} group by interviewer_id
         order by interviewer_id limit $1 offset $2`,
        [limit, offset],
      );
      const counted = await sql.query<{ total: number }>(
        `select count(distinct interviewer_id)::int as total from ${feedback}`,
      );
      return { total: counted.rows[0].total, interviewers: rows.map(calibrationOf) };
    });
  }
}
