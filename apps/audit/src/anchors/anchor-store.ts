import type {
  AnchoredLeaf,
  BundledAnchor,
  HeadInAnchor,
  SignedAnchor,
} from '@hirestream/event-sourcing';
import { merkleProof, merkleProofs } from '@hirestream/event-sourcing';
import { ReadModelDatabase, type Sql } from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';

/** Where a head is among the anchored ones: its anchor, and its leaf's index in it. */
export type AnchoredHeadPlace = Readonly<{ sequence: bigint; leafIndex: number }>;

/** An anchor as signed and stored, before or after it was published. */
export type StoredAnchor = Readonly<{
  sequence: bigint;
  anchoredAt: string;
  root: string;
  leafCount: number;
  previousRoot: string | null;
  keyId: string;
  publicKey: string;
  statement: string;
  signature: string;
  /** The commit position of the newest head it anchors: the next anchors heads moved past it. */
  throughPosition: bigint;
  publishedAt: string | null;
}>;

type AnchorRecord = {
  sequence: string;
  anchored_at: Date;
  root: string;
  leaf_count: number;
  previous_root: string | null;
  key_id: string;
  public_key: string;
  statement: string;
  signature: string;
  through_position: string;
  published_at: Date | null;
};

const anchorOf = (record: AnchorRecord): StoredAnchor => ({
  sequence: BigInt(record.sequence),
  anchoredAt: record.anchored_at.toISOString(),
  root: record.root,
  leafCount: record.leaf_count,
  previousRoot: record.previous_root,
  keyId: record.key_id,
  publicKey: record.public_key,
  statement: record.statement,
  signature: record.signature,
  throughPosition: BigInt(record.through_position),
  publishedAt: record.published_at?.toISOString() ?? null,
});

/** What was signed, as anchors travel: without the bookkeeping of where it stands and when it was published. */
function signedAnchorOf(anchor: StoredAnchor): SignedAnchor {
  const { throughPosition: _through, publishedAt: _published, ...fields } = anchor;
  return { ...fields, sequence: anchor.sequence.toString() };
}

/**
 * The signed anchors (`audit.anchors`) and the heads each anchored, in leaf
 * order (`audit.anchored_heads`), in the audit service's PostgreSQL schema:
 * kept apart from EventStoreDB, and not a projection (an anchor is what was
 * signed at a time, not something rebuilt from events).
 */
@Injectable()
export class AnchorStore {
  private readonly anchors: string;
  private readonly heads: string;

  constructor(private readonly db: ReadModelDatabase) {
    this.anchors = db.table('anchors');
    this.heads = db.table('anchored_heads');
  }

  async ensureTables(): Promise<void> {
    await this.db.ensureTable(
      `create table if not exists ${this.anchors} (
         sequence bigint primary key,
         anchored_at timestamptz not null,
         root text not null,
         leaf_count integer not null,
         previous_root text,
         key_id text not null,
         public_key text not null,
         statement text not null,
         signature text not null,
         through_position numeric(20) not null,
         published_at timestamptz
       )`,
    );
    await this.db.ensureTable(
      `create table if not exists ${this.heads} (
         sequence bigint not null references ${this.anchors} (sequence),
         leaf_index integer not null,
         stream_name text not null,
         revision bigint not null,
         hash text,
         primary key (sequence, leaf_index)
       )`,
    );
    await this.db.ensureTable(
      `create index if not exists anchored_heads_by_stream on ${this.heads} (stream_name, sequence desc)`,
    );
  }

  /** The newest anchor, if any. */
  async latest(sql: Sql = this.db): Promise<StoredAnchor | undefined> {
    const { rows } = await sql.query<AnchorRecord>(
      `select * from ${this.anchors} order by sequence desc limit 1`,
    );
    return rows.map(anchorOf)[0];
  }

  /** Stores a signed anchor and its leaves, in leaf order, in one transaction. */
  async add(anchor: StoredAnchor, leaves: readonly AnchoredLeaf[], client: Sql): Promise<void> {
    await client.query('begin');
    try {
      await client.query(
        `insert into ${this.anchors} (sequence, anchored_at, root, leaf_count, previous_root,
           key_id, public_key, statement, signature, through_position)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          anchor.sequence.toString(),
          anchor.anchoredAt,
          anchor.root,
          anchor.leafCount,
          anchor.previousRoot,
          anchor.keyId,
          anchor.publicKey,
          anchor.statement,
          anchor.signature,
          anchor.throughPosition.toString(),
        ],
      );
      await client.query(
        `insert into ${this.heads} (sequence, leaf_index, stream_name, revision, hash)
         select $1, ordinality - 1, stream_name, revision, hash
         from unnest($2::text[], $3::bigint[], $4::text[]) with ordinality as leaf(stream_name, revision, hash)`,
        [
          anchor.sequence.toString(),
          leaves.map((leaf) => leaf.streamName),
          leaves.map((leaf) => leaf.revision.toString()),
          leaves.map((leaf) => leaf.hash),
        ],
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
  }

  /** Anchors not published yet, oldest first. */
  async unpublished(sql: Sql): Promise<StoredAnchor[]> {
    const { rows } = await sql.query<AnchorRecord>(
      `select * from ${this.anchors} where published_at is null order by sequence`,
    );
    return rows.map(anchorOf);
  }

  async markPublished(sql: Sql, sequence: bigint, at: string): Promise<void> {
    await sql.query(`update ${this.anchors} set published_at = $2 where sequence = $1`, [
      sequence.toString(),
      at,
    ]);
  }

  /**
   * The newest anchor of the stream's head, with the proof from its leaf to the
   * anchor's root; undefined when no anchor holds the stream yet.
   */
  async latestOf(streamName: string): Promise<BundledAnchor | undefined> {
    await this.ensureTables();
    const { rows } = await this.db.query<AnchorRecord>(
      `select a.* from ${this.anchors} a
       where a.sequence = (select max(sequence) from ${this.heads} where stream_name = $1)`,
      [streamName],
    );
    const anchor = rows.map(anchorOf)[0];
    if (anchor === undefined) return undefined;
    const leaves = await this.leavesOf(anchor.sequence);
    const index = leaves.findIndex((leaf) => leaf.streamName === streamName);
    const head = leaves[index];
    return {
      ...signedAnchorOf(anchor),
      head: { streamName, revision: head.revision.toString(), hash: head.hash },
      proof: merkleProof(leaves, index),
    };
  }

  /**
   * Every stream's latest anchored head (no later anchor holds the stream), in
   * anchor and leaf order, from past `after` (the place of the last head of the
   * page before); each with its proof, and the anchors that signed them.
   */
  async latestHeads(
    after: AnchoredHeadPlace | undefined,
    limit: number,
  ): Promise<{
    anchors: SignedAnchor[];
    heads: (HeadInAnchor & { sequence: string })[];
    last: AnchoredHeadPlace | undefined;
  }> {
    await this.ensureTables();
    const { rows } = await this.db.query<{ sequence: string; leaf_index: number }>(
      `select h.sequence, h.leaf_index from ${this.heads} h
       where (h.sequence, h.leaf_index) > ($1::bigint, $2::integer)
         and not exists (select 1 from ${this.heads} later
                         where later.stream_name = h.stream_name and later.sequence > h.sequence)
       order by h.sequence, h.leaf_index
       limit $3`,
      [(after?.sequence ?? 0n).toString(), after?.leafIndex ?? -1, limit],
    );
    const bySequence = new Map<string, number[]>();
    for (const { sequence, leaf_index } of rows) {
      const indexes = bySequence.get(sequence);
      if (indexes === undefined) bySequence.set(sequence, [leaf_index]);
      else indexes.push(leaf_index);
    }
    const anchors: SignedAnchor[] = [];
    const heads: (HeadInAnchor & { sequence: string })[] = [];
    for (const [sequence, indexes] of bySequence) {
      const { rows: records } = await this.db.query<AnchorRecord>(
        `select * from ${this.anchors} where sequence = $1`,
        [sequence],
      );
      anchors.push(signedAnchorOf(anchorOf(records[0])));
      const leaves = await this.leavesOf(BigInt(sequence));
      const proofs = merkleProofs(leaves, indexes);
      indexes.forEach((index, i) => {
        const { streamName, revision, hash } = leaves[index];
        heads.push({
          sequence,
          head: { streamName, revision: revision.toString(), hash },
          proof: proofs[i],
        });
      });
    }
    const lastRow = rows.at(-1);
    return {
      anchors,
      heads,
      last:
        rows.length < limit || lastRow === undefined
          ? undefined
          : { sequence: BigInt(lastRow.sequence), leafIndex: lastRow.leaf_index },
    };
  }

  private async leavesOf(sequence: bigint): Promise<AnchoredLeaf[]> {
    const { rows } = await this.db.query<{
      stream_name: string;
      revision: string;
      hash: string | null;
    }>(
      `select stream_name, revision, hash from ${this.heads} where sequence = $1 order by leaf_index`,
      [sequence.toString()],
    );
    return rows.map((row) => ({
      streamName: row.stream_name,
      revision: BigInt(row.revision),
      hash: row.hash,
    }));
  }
}
