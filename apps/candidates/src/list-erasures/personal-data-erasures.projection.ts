import type { PersonalDataErased } from '@hirestream/contracts';
import { PostgresProjectionHost, postgresProjection } from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import type { ErasureListView, ListErasuresQuery } from './list-erasures.query';

/** One row per `PersonalDataErased`: ids, vocabularies, instants and actors, nothing personal. */
const personalDataErasures = postgresProjection<'erasures', PersonalDataErased>({
  name: 'personal-data-erasures',
  version: 1,
  tables: ['erasures'],
  select: { eventTypes: ['PersonalDataErased'] },
  migrations: ({ erasures }) => [
    `create table ${erasures} (
       event_id uuid primary key,
       candidate_id uuid not null,
       person_id uuid,
       basis text not null,
       request_id uuid,
       reason text,
       requested_by text,
       policy jsonb,
       key_ids text[] not null,
       erased_at timestamptz not null,
       erased_by text not null,
       erased_by_role text not null,
       recorded_at timestamptz not null
     )`,
    `create index on ${erasures} (erased_at, candidate_id)`,
  ],
  apply: async (sql, { erasures }, events) => {
    if (events.length === 0) return;
    await sql.query(
      `insert into ${erasures} (event_id, candidate_id, person_id, basis, request_id, reason,
         requested_by, policy, key_ids, erased_at, erased_by, erased_by_role, recorded_at)
       select u.event_id, u.candidate_id, u.person_id, u.basis, u.request_id, u.reason,
         u.requested_by, u.policy, array(select jsonb_array_elements_text(u.key_ids)),
         u.erased_at, u.erased_by, u.erased_by_role, u.recorded_at
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[],
         $7::text[], $8::jsonb[], $9::jsonb[], $10::timestamptz[], $11::text[], $12::text[],
         $13::timestamptz[])
         as u(event_id, candidate_id, person_id, basis, request_id, reason, requested_by, policy,
           key_ids, erased_at, erased_by, erased_by_role, recorded_at)
       on conflict (event_id) do nothing`,
      [
        events.map(({ metadata }) => metadata.eventId),
        events.map(({ event }) => event.data.candidateId),
        events.map(({ event }) => event.data.personId),
        events.map(({ event }) => event.data.basis),
        events.map(({ event }) => event.data.requestId),
        events.map(({ event }) => event.data.reason),
        events.map(({ event }) => event.data.requestedBy),
        events.map(({ event }) =>
          event.data.policy === null ? null : JSON.stringify(event.data.policy),
        ),
        events.map(({ event }) => JSON.stringify(event.data.keyIds)),
        events.map(({ event }) => event.data.erasedAt),
        events.map(({ metadata }) => metadata.actor.id),
        events.map(({ metadata }) => metadata.actor.role),
        events.map(({ metadata }) => metadata.occurredAt),
      ],
    );
  },
});

type Row = {
  candidate_id: string;
  person_id: string | null;
  basis: PersonalDataErased['data']['basis'];
  request_id: string | null;
  reason: PersonalDataErased['data']['reason'];
  requested_by: string | null;
  policy: PersonalDataErased['data']['policy'];
  key_ids: string[];
  erased_at: Date;
  erased_by: string;
  erased_by_role: ErasureListView['items'][number]['erasedBy']['role'];
  recorded_at: Date;
};

/** What was erased, when, on what basis and by whom, in PostgreSQL; for the report only. */
@Injectable()
export class PersonalDataErasures extends PostgresProjectionHost(personalDataErasures) {
  /** The erasures in [from, to), oldest first, a page at a time, with how many there are. */
  list(query: ListErasuresQuery): Promise<Pick<ErasureListView, 'total' | 'items'>> {
    return this.read(async (sql, { erasures }) => {
      const between = `from ${erasures}
        where ($1::timestamptz is null or erased_at >= $1)
          and ($2::timestamptz is null or erased_at < $2)`;
      const filters = [query.from ?? null, query.to ?? null];
      const { rows } = await sql.query<Row>(
        `select * ${between} order by erased_at, candidate_id, event_id limit $3 offset $4`,
        [...filters, query.limit, query.offset],
      );
      const { rows: counted } = await sql.query<{ total: string }>(
        `select count(*) as total ${between}`,
        filters,
      );
      return {
        total: Number(counted[0].total),
        items: rows.map((row) => ({
          candidateId: row.candidate_id,
          personId: row.person_id,
          basis: row.basis,
          requestId: row.request_id,
          reason: row.reason,
          requestedBy: row.requested_by,
          policy: row.policy,
          keyIds: row.key_ids,
          erasedAt: row.erased_at.toISOString(),
          erasedBy: { id: row.erased_by, role: row.erased_by_role },
          recordedAt: row.recorded_at.toISOString(),
        })),
      };
    });
  }
}
