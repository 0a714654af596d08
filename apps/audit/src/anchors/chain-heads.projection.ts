import type { AllStreamRecordedEvent } from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import { BOOKKEEPING_STREAM_PREFIXES, storedChainKey } from '@hirestream/event-sourcing';
import { PostgresProjectionHost, postgresProjection } from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';

/** A stream's last event as stored: where it is, and the chain hash it carries (null: none). */
export type ChainHeadRow = Readonly<{
  streamName: string;
  revision: bigint;
  eventId: string;
  hash: string | null;
  previousHash: string | null;
  /** Commit position in `$all`: heads moved since an anchor are those past its position. */
  position: bigint;
}>;

/** The last event of each stream in the batch, in `$all` order. */
function lastOfEachStream(stored: readonly AllStreamRecordedEvent[]): AllStreamRecordedEvent[] {
  const last = new Map<string, AllStreamRecordedEvent>();
  for (const event of stored) last.set(event.streamId, event);
  return [...last.values()];
}

const chainHeads = postgresProjection<'heads', Event>({
  name: 'chain-heads',
  version: 1,
  tables: ['heads'],
  select: { streamsExceptPrefixes: BOOKKEEPING_STREAM_PREFIXES },
  // Nothing is decoded: the heads come from the stored metadata, whatever the event.
  eventTypes: new Set(),
  migrations: ({ heads }) => [
    `create table ${heads} (
       stream_name text primary key,
       revision bigint not null,
       event_id text not null,
       hash text,
       previous_hash text,
       position numeric(20) not null
     )`,
    `create index on ${heads} (position)`,
  ],
  apply: async (sql, { heads }, _events, _revisions, stored) => {
    const last = lastOfEachStream(stored);
    await sql.query(
      `insert into ${heads} (stream_name, revision, event_id, hash, previous_hash, position)
       select * from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::numeric[])
       on conflict (stream_name) do update set
         revision = excluded.revision, event_id = excluded.event_id, hash = excluded.hash,
         previous_hash = excluded.previous_hash, position = excluded.position`,
      [
        last.map((event) => event.streamId),
        last.map((event) => event.revision.toString()),
        last.map((event) => event.id),
        last.map((event) => storedChainKey(event.metadata, 'hash') ?? null),
        last.map((event) => storedChainKey(event.metadata, 'previousHash') ?? null),
        last.map((event) => event.position.commit.toString()),
      ],
    );
  },
});

type HeadRecord = {
  stream_name: string;
  revision: string;
  event_id: string;
  hash: string | null;
  previous_hash: string | null;
  position: string;
};

const rowOf = (record: HeadRecord): ChainHeadRow => ({
  streamName: record.stream_name,
  revision: BigInt(record.revision),
  eventId: record.event_id,
  hash: record.hash,
  previousHash: record.previous_hash,
  position: BigInt(record.position),
});

/**
 * The chain head of every stream but the system's and the platform's
 * bookkeeping (checkpoints, Idempotency-Key records, snapshots): its last
 * event's revision and the `hash`/`previousHash` its stored metadata carries
 * (none for an event written before the chain, or around it).
 */
@Injectable()
export class ChainHeadsProjection extends PostgresProjectionHost(chainHeads) {
  /** The heads that moved past `position` (every head when undefined), oldest move first. */
  movedSince(position: bigint | undefined, limit: number): Promise<ChainHeadRow[]> {
    return this.read(async (sql, { heads }) => {
      const { rows } = await sql.query<HeadRecord>(
        `select stream_name, revision, event_id, hash, previous_hash, position from ${heads}
         where position > $1::numeric order by position limit $2`,
        [(position ?? -1n).toString(), limit],
      );
      return rows.map(rowOf);
    });
  }
}
