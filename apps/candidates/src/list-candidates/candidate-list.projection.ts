import { hirestreamEventCatalog, type CandidateEvent } from '@hirestream/contracts';
import { PostgresProjectionHost, postgresProjection } from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import { candidateListChanges, type CandidateListRow } from './candidate-list.read-model';
import type { CandidateListView, ListCandidatesQuery } from './list-candidates.query';

const candidateList = postgresProjection<'candidates', CandidateEvent>({
  name: 'candidate-list',
  version: 1,
  tables: ['candidates'],
  select: { eventTypes: hirestreamEventCatalog.typesOwnedBy('candidates') },
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
  apply: async (sql, { candidates }, events) => {
    const { inserts, updates } = candidateListChanges(events);
    if (inserts.length === 0 && updates.length === 0) return;
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
        inserts.map((row) => row.fullName),
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

/** The candidate list in PostgreSQL, fed by every candidate event; for queries only. */
@Injectable()
export class CandidateListProjection extends PostgresProjectionHost(candidateList) {
  /** Matching candidates, oldest registration first, one page at a time, with how many match. */
  list(query: ListCandidatesQuery): Promise<Pick<CandidateListView, 'total' | 'items'>> {
    return this.read(async (sql, { candidates }) => {
      const matching = `from ${candidates}
        where ($1::text is null or job_id = $1) and ($2::text is null or stage = $2)`;
      const filters = [query.jobId ?? null, query.stage ?? null];
      // The count is a subquery, read from an index alone; a window count would fetch every match.
      const { rows } = await sql.query<Row>(
        `select *, (select count(*) ${matching}) as total ${matching}
         order by registered_at, id limit $3 offset $4`,
        [...filters, query.limit, query.offset],
      );
      const total =
        rows.length > 0 || query.offset === 0
          ? Number(rows[0]?.total ?? 0)
          : Number(
              (await sql.query<{ total: string }>(`select count(*) as total ${matching}`, filters))
                .rows[0].total,
            );
      return {
        total,
        items: rows.map((row) => ({
          id: row.id,
          fullName: row.full_name,
          jobId: row.job_id,
          stage: row.stage,
          registeredAt: row.registered_at.toISOString(),
          updatedAt: row.updated_at.toISOString(),
        })),
      };
    });
  }
}
