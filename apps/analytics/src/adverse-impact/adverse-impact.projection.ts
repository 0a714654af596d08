import { CANDIDACY_EVENT_TYPES, SELF_IDENTIFICATION_EVENT_TYPES } from '@hirestream/contracts';
import {
  CandidacyStates,
  PostgresProjectionHost,
  postgresProjection,
  type ProjectionTables,
  type Sql,
} from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import {
  contributionBefore,
  dailyChanges,
  dayOf,
  emptyFacts,
  foldSelectionFacts,
  SEALED_GROUPS,
  type CountKey,
  type Counts,
  type DecisionStage,
  type FoldedEvent,
  type SelectionFacts,
} from './selection-facts';

type Tables = 'candidacies' | 'daily_counts' | 'touched_days';
export type AdverseImpactTables = ProjectionTables<Tables>;

/** One row's change of the daily counts. */
type Cell = CountKey &
  Readonly<{ day: string; jobId: string; considered: number; selected: number }>;

/** Each candidacy's facts, its groups sealed under the candidacy's key (erased with it). */
const keptFacts = new CandidacyStates('adverse-impact.candidacies', SEALED_GROUPS);

const FOLDED_TYPES = [
  ...CANDIDACY_EVENT_TYPES,
  'PanelDecisionRecorded',
  'OfferExtended',
  ...SELF_IDENTIFICATION_EVENT_TYPES,
];

export const adverseImpactFacts = postgresProjection<Tables, FoldedEvent>({
  name: 'adverse-impact',
  version: 1,
  tables: ['candidacies', 'daily_counts', 'touched_days'],
  select: { eventTypes: FOLDED_TYPES },
  migrations: ({ candidacies, daily_counts, touched_days }) => [
    `create table ${candidacies} (candidate_id uuid primary key, state jsonb not null)`,
    // Counts only: what the candidacies decided on each UTC day added to each group's cell.
    `create table ${daily_counts} (
       day date not null,
       job_id text not null,
       dimension text not null,
       grp text not null,
       stage text not null,
       considered bigint not null,
       selected bigint not null,
       primary key (stage, dimension, day, job_id, grp)
     )`,
    // The candidacies whose facts changed on a day: asOf's own day is summed from them.
    `create table ${touched_days} (
       day date not null,
       candidate_id uuid not null,
       primary key (day, candidate_id)
     )`,
  ],
  apply: async (
    sql,
    { candidacies, daily_counts, touched_days },
    events,
    _revisions,
    _stored,
    personal,
  ) => {
    const ids = [
      ...new Set(
        events.map((recorded) =>
          String((recorded.event.data as { candidateId: unknown }).candidateId),
        ),
      ),
    ];
    if (ids.length === 0) return;
    const { rows } = await sql.query<{ candidate_id: string; state: unknown }>(
      `select candidate_id, state from ${candidacies} where candidate_id = any($1::uuid[])`,
      [ids],
    );
    const opened = await keptFacts.open(
      personal,
      rows.map((row) => ({ candidateId: row.candidate_id, state: row.state })),
    );
    const before = new Map(
      rows.map((row, index) => [row.candidate_id, opened[index] as SelectionFacts]),
    );
    const after = new Map(ids.map((id) => [id, before.get(id) ?? emptyFacts()]));
    const touched = new Set<string>();
    for (const { event, metadata } of events) {
      const id = String((event.data as { candidateId: unknown }).candidateId);
      after.set(id, foldSelectionFacts(after.get(id)!, event, metadata.occurredAt));
      touched.add(`${dayOf(Date.parse(metadata.occurredAt))}|${id}`);
    }
    const cells = new Map<string, Cell>();
    for (const id of ids) {
      const facts = after.get(id)!;
      if (facts.jobId === null) continue;
      for (const [day, counts] of dailyChanges(before.get(id) ?? emptyFacts(), facts)) {
        for (const [text, { key, considered, selected }] of counts) {
          const at = `${day}|${facts.jobId}|${text}`;
          const known = cells.get(at) ?? {
            day,
            jobId: facts.jobId,
            ...key,
            considered: 0,
            selected: 0,
          };
          cells.set(at, {
            ...known,
            considered: known.considered + considered,
            selected: known.selected + selected,
          });
        }
      }
    }
    const sealed = await keptFacts.seal(
      personal,
      ids.map((id) => ({ candidateId: id, state: after.get(id) })),
    );
    await sql.query(
      `insert into ${candidacies} (candidate_id, state)
       select * from unnest($1::uuid[], $2::jsonb[])
       on conflict (candidate_id) do update set state = excluded.state`,
      [ids, sealed.map((state) => JSON.stringify(state))],
    );
    const days = [...touched].map((entry) => entry.split('|'));
    await sql.query(
      `insert into ${touched_days} (day, candidate_id)
       select * from unnest($1::date[], $2::uuid[]) on conflict do nothing`,
      [days.map(([day]) => day), days.map(([, id]) => id)],
    );
    const changed = [...cells.values()];
    if (changed.length === 0) return;
    await sql.query(
      `insert into ${daily_counts} (day, job_id, dimension, grp, stage, considered, selected)
       select * from unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
       on conflict (stage, dimension, day, job_id, grp) do update
         set considered = ${daily_counts}.considered + excluded.considered,
             selected = ${daily_counts}.selected + excluded.selected`,
      [
        changed.map((c) => c.day),
        changed.map((c) => c.jobId),
        changed.map((c) => c.dimension),
        changed.map((c) => c.group),
        changed.map((c) => c.stage),
        changed.map((c) => c.considered),
        changed.map((c) => c.selected),
      ],
    );
  },
});

export type AdverseImpactCountsQuery = Readonly<{
  stage: DecisionStage;
  dimension: string;
  jobId?: string;
  /** Epoch ms, inclusive. */
  asOfMs: number;
}>;

export type GroupCounts = Readonly<{ group: string; considered: number; selected: number }>;

/**
 * What a question as of an instant reads: the daily counts of the whole days before asOf's day,
 * summed per group, and the (sealed) facts of the candidacies touched on asOf's day.
 */
export async function adverseImpactRows(
  sql: Sql,
  { candidacies, daily_counts, touched_days }: AdverseImpactTables,
  query: AdverseImpactCountsQuery,
): Promise<{
  whole: { grp: string; considered: string; selected: string }[];
  todays: { candidate_id: string; state: unknown }[];
}> {
  const day = dayOf(query.asOfMs);
  const summed = await sql.query<{ grp: string; considered: string; selected: string }>(
    `select grp, sum(considered) as considered, sum(selected) as selected from ${daily_counts}
     where stage = $1 and dimension in ($2, '*') and day < $3::date
       and ($4::text is null or job_id = $4)
     group by grp`,
    [query.stage, query.dimension, day, query.jobId ?? null],
  );
  const states = await sql.query<{ candidate_id: string; state: unknown }>(
    `select c.candidate_id, c.state from ${touched_days} t join ${candidacies} c using (candidate_id)
     where t.day = $1::date and ($2::text is null or c.state->>'jobId' = $2)`,
    [day, query.jobId ?? null],
  );
  return { whole: summed.rows, todays: states.rows };
}

/**
 * Per candidacy, its decisions and self-identification (groups sealed), and the daily counts they
 * give per job × dimension × group × stage. A question as of an instant sums the whole days before
 * it from the counts, and asOf's own day from the candidacies touched that day, opened.
 */
@Injectable()
export class AdverseImpactProjection extends PostgresProjectionHost(adverseImpactFacts) {
  /** Per group of the dimension (and `*` for everyone), the stage's decisions made by asOf. */
  async counts(query: AdverseImpactCountsQuery): Promise<GroupCounts[]> {
    const day = dayOf(query.asOfMs);
    const { whole, todays } = await this.read((sql, tables) =>
      adverseImpactRows(sql, tables, query),
    );
    const counts: Counts = new Map();
    const opened = await keptFacts.open(
      this.personal,
      todays.map((row) => ({ candidateId: row.candidate_id, state: row.state })),
    );
    const dayStart = Date.parse(`${day}T00:00:00.000Z`);
    for (const facts of opened as SelectionFacts[]) {
      contributionBefore(facts, query.asOfMs + 1, counts, 1);
      contributionBefore(facts, dayStart, counts, -1);
    }
    const byGroup = new Map<string, { considered: number; selected: number }>();
    const addTo = (group: string, considered: number, selected: number) => {
      const known = byGroup.get(group) ?? { considered: 0, selected: 0 };
      byGroup.set(group, {
        considered: known.considered + considered,
        selected: known.selected + selected,
      });
    };
    for (const row of whole) addTo(row.grp, Number(row.considered), Number(row.selected));
    for (const { key, considered, selected } of counts.values()) {
      if (key.stage !== query.stage) continue;
      if (key.dimension === '*' || key.dimension === query.dimension) {
        addTo(key.group, considered, selected);
      }
    }
    return [...byGroup].map(([group, cell]) => ({ group, ...cell }));
  }
}
