import { CANDIDACY_EVENT_TYPES, type CandidateEvent } from '@hirestream/contracts';
import {
  PostgresProjectionHost,
  postgresProjection,
  type ColumnLocation,
} from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import { candidateListChanges, type CandidateListRow } from './candidate-list.read-model';
import type { CandidateListView, ListCandidatesQuery } from './list-candidates.query';

/** Where a candidate's name is bound: sealed for one row, it opens in no other. */
const fullNameAt = (candidateId: string): ColumnLocation => ({
  row: `candidate-list:${candidateId}`,
  column: 'full_name',
});

const candidateList = postgresProjection<'candidates', CandidateEvent>({
  name: 'candidate-list',
  // 2: the name is kept sealed under the registration's data key (1 kept it plain).
  version: 2,
  tables: ['candidates'],
  // The candidacy's own facts: an erasure's events change no row (the name then opens as [erased]).
  select: { eventTypes: [...CANDIDACY_EVENT_TYPES] },
  migrations: ({ candidates }) => [
    `create table ${candidates} (
       id uuid primary key,
       full_name text not null,
       job_id text not null,
       stage text not null,
       registered_at timestamptz not null,
       updated_at timestamptz not null
     )`,
    // Oldest registration first, the id breaking ties, for each filter the API offers.
    `create index on ${candidates} (job_id, stage, registered_at, id)`,
    `create index on ${candidates} (stage, registered_at, id)`,
    `create index on ${candidates} (registered_at, id)`,
  ],
  // One statement per batch, whatever it holds: a round trip fewer while catching up. The update
  // never meets a row the insert adds, as the fold puts a registration's later events in its row.
  // The name is sealed under the candidate's key, so erasing the key erases it here too.
  apply: async (sql, { candidates }, events, _revisions, _stored, personal) => {
    const { inserts, updates } = candidateListChanges(events);
    if (inserts.length === 0 && updates.length === 0) return;
    const fullNames = await Promise.all(
      inserts.map((row) => personal.seal(row.fullName, row.nameKeyIds, fullNameAt(row.id))),
    );
    await sql.query(
      `with inserted as (
         insert into ${candidates} (id, full_name, job_id, stage, registered_at, updated_at)
         select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])
         on conflict (id) do nothing
       )
       update ${candidates} as c set stage = coalesce(u.stage, c.stage), updated_at = u.updated_at
       from unnest($7::uuid[], $8::text[], $9::timestamptz[]) as u(id, stage, updated_at)
       where c.id = u.id`,
      [
        inserts.map((row) => row.id),
        fullNames,
        inserts.map((row) => row.jobId),
        inserts.map((row) => row.stage),
        inserts.map((row) => row.registeredAt),
        inserts.map((row) => row.updatedAt),
        updates.map((u) => u.id),
        updates.map((u) => u.stage),
        updates.map((u) => u.updatedAt),
      ],
    );
  },
});

type Row = {
  id: string;
  full_name: string;
  job_id: string;
  stage: CandidateListRow['stage'];
  registered_at: Date;
  updated_at: Date;
  total: string;
};

/**
 * The candidate list in PostgreSQL, fed by every candidate event; for queries
 * only. Names are opened as a page is read: `[erased]` once the candidate's key is.
 */
@Injectable()
export class CandidateListProjection extends PostgresProjectionHost(candidateList) {
  /** Matching candidates, oldest registration first, one page at a time, with how many match. */
  async list(query: ListCandidatesQuery): Promise<Pick<CandidateListView, 'total' | 'items'>> {
    const { rows, total } = await this.read(async (sql, { candidates }) => {
      const matching = `from ${candidates}
        where ($1::text is null or job_id = $1) and ($2::text is null or stage = $2)`;
      const filters = [query.jobId ?? null, query.stage ?? null];
      // The count is a subquery, read from an index alone; a window count would fetch every match.
      const page = await sql.query<Row>(
        `select *, (select count(*) ${matching}) as total ${matching}
         order by registered_at, id limit $3 offset $4`,
        [...filters, query.limit, query.offset],
      );
      const count =
        page.rows.length > 0 || query.offset === 0
          ? Number(page.rows[0]?.total ?? 0)
          : Number(
              (await sql.query<{ total: string }>(`select count(*) as total ${matching}`, filters))
                .rows[0].total,
            );
      return { rows: page.rows, total: count };
    });
    // Opened once the read's connection is back in the pool: one key fetch for the page.
    const fullNames = await this.personal.open(
      rows.map((row) => ({ stored: row.full_name, at: fullNameAt(row.id) })),
    );
    return {
      total,
      items: rows.map((row, index) => ({
        id: row.id,
        fullName: fullNames[index]!,
        jobId: row.job_id,
        stage: row.stage,
        registeredAt: row.registered_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
      })),
    };
  }
}
