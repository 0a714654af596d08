import { randomUUID } from 'node:crypto';
import { dataKeyId, ERASED_VALUE, PersonalDataVault } from '@hirestream/personal-data';
import {
  PersonalColumns,
  ReadModelDatabase,
  type ColumnLocation,
  type Sql,
} from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import type { MessageKind } from '../domain/message-kinds';
import type { DeliveryStatus, DueMessage, NewOutboxMessage, OutboxMessage } from './outbox-message';

type Attachment = NewOutboxMessage['message']['attachments'][number];

/** A message's personal values as its row keeps them: plain before sealing, sealed in the table. */
type PersonalValues = Readonly<{
  recipient_name: string;
  recipient_email: string;
  subject: string;
  text_body: string;
  html_body: string;
  attachments: readonly Attachment[];
}>;

type OutboxRow = PersonalValues &
  Readonly<{
    message_id: string;
    delivery_key: string;
    candidate_id: string;
    kind: string;
    cause: string;
    status: DeliveryStatus;
    attempts: number;
    last_error: string | null;
    recorded_at: Date;
    next_attempt_at: Date | null;
    sent_at: Date | null;
  }>;

/** Where they are in `PersonalValues`: each sealed in place (an attachment's name and type stay plain). */
const PERSONAL_PATHS = [
  '/recipient_name',
  '/recipient_email',
  '/subject',
  '/text_body',
  '/html_body',
  '/attachments/*/content',
];

/**
 * Whether the values are sealed under, or opened with, an erased key: they read
 * `[erased]` then, and an address, which is checked as one, reads so only then.
 */
const isErased = (values: PersonalValues) => values.recipient_email === ERASED_VALUE;

/** Where a message's values are bound: sealed for one message, they open in no other. */
const keptAt = (messageId: string): ColumnLocation => ({
  row: `outbox:${messageId}`,
  column: 'message',
});

function personalValuesOf(row: OutboxRow): PersonalValues {
  const { recipient_name, recipient_email, subject, text_body, html_body, attachments } = row;
  return { recipient_name, recipient_email, subject, text_body, html_body, attachments };
}

function messageOf(row: OutboxRow, opened: PersonalValues): OutboxMessage {
  return {
    messageId: row.message_id,
    deliveryKey: row.delivery_key,
    candidateId: row.candidate_id,
    kind: row.kind as MessageKind,
    cause: row.cause,
    recipient: { name: opened.recipient_name, email: opened.recipient_email },
    message: {
      subject: opened.subject,
      text: opened.text_body,
      html: opened.html_body,
      attachments: opened.attachments,
    },
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    recordedAt: row.recorded_at.toISOString(),
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

/**
 * The notifications' outbox in PostgreSQL (`notifications.outbox`): a message
 * is recorded, rendered, before anything is sent, once per delivery key (an
 * event id and the message kind), and its delivery is tracked there:
 * `pending` (with the next attempt's time), `sent`, or `failed` (given up),
 * with the attempts made and the last error. The sender reads it; the API
 * shows it. The recipient, subject, bodies and attachments' contents are kept
 * sealed under the candidate's data key, bound to the message and their place,
 * and opened when read: once the key is erased they read as `[erased]` (in the
 * table, its dead rows, the WAL and backups alike), a pending message is not
 * sent, and nothing new is recorded for the candidate.
 */
@Injectable()
export class Outbox {
  readonly table: string;
  private readonly waiters = new Set<() => void>();
  private readonly personal: PersonalColumns;

  constructor(
    private readonly db: ReadModelDatabase,
    vault: PersonalDataVault,
  ) {
    this.table = db.table('outbox');
    this.personal = new PersonalColumns(vault);
  }

  ensureTable(): Promise<void> {
    return this.db.ensureTable(
      `create table if not exists ${this.table} (
         message_id uuid primary key default gen_random_uuid(),
         recorded_order bigint generated always as identity,
         delivery_key text not null unique,
         candidate_id uuid not null,
         kind text not null,
         cause text not null,
         recipient_name text not null,
         recipient_email text not null,
         subject text not null,
         text_body text not null,
         html_body text not null,
         attachments jsonb not null,
         status text not null check (status in ('pending', 'sent', 'failed')),
         attempts integer not null default 0,
         last_error text,
         recorded_at timestamptz not null,
         next_attempt_at timestamptz,
         sent_at timestamptz
       );
       create index if not exists outbox_pending on ${this.table} (next_attempt_at) where status = 'pending';
       create index if not exists outbox_by_candidate on ${this.table} (candidate_id, recorded_order)`,
    );
  }

  /**
   * Records a message to send, sealed; false when one with its delivery key was
   * recorded already, or when the candidate's personal data was erased.
   */
  async record(message: NewOutboxMessage, now: string): Promise<boolean> {
    await this.ensureTable();
    const messageId = randomUUID();
    const plain: PersonalValues = {
      recipient_name: message.recipient.name,
      recipient_email: message.recipient.email,
      subject: message.message.subject,
      text_body: message.message.text,
      html_body: message.message.html,
      attachments: message.message.attachments,
    };
    const [sealed] = (await this.personal.sealStates(
      [
        {
          state: plain,
          keyIds: [dataKeyId('candidate', message.candidateId)],
          at: keptAt(messageId),
        },
      ],
      PERSONAL_PATHS,
    )) as PersonalValues[];
    if (isErased(sealed)) return false;
    const { rows } = await this.db.query(
      `insert into ${this.table} (message_id, delivery_key, candidate_id, kind, cause, recipient_name,
         recipient_email, subject, text_body, html_body, attachments, status, recorded_at, next_attempt_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12, $12)
       on conflict (delivery_key) do nothing
       returning message_id`,
      [
        messageId,
        message.deliveryKey,
        message.candidateId,
        message.kind,
        message.cause,
        sealed.recipient_name,
        sealed.recipient_email,
        sealed.subject,
        sealed.text_body,
        sealed.html_body,
        JSON.stringify(sealed.attachments),
        now,
      ],
    );
    if (rows.length > 0) for (const wake of this.waiters) wake();
    return rows.length > 0;
  }

  /** The rows' messages, their personal values opened with one key fetch for them all. */
  private async opened(rows: readonly OutboxRow[]): Promise<DueMessage[]> {
    const opened = (await this.personal.openStates(
      rows.map((row) => ({ state: personalValuesOf(row), at: keptAt(row.message_id) })),
      PERSONAL_PATHS,
    )) as PersonalValues[];
    return rows.map((row, index) => ({
      ...messageOf(row, opened[index]),
      erased: isErased(opened[index]),
    }));
  }

  /** Pending messages due by `now`, oldest first, opened; `erased` for a candidate erased since. */
  async due(sql: Sql, now: string, limit: number): Promise<DueMessage[]> {
    const { rows } = await sql.query<OutboxRow>(
      `select * from ${this.table} where status = 'pending' and next_attempt_at <= $1
       order by next_attempt_at, recorded_order limit $2`,
      [now, limit],
    );
    return this.opened(rows);
  }

  /** When the soonest pending message is due; undefined when none is. */
  async nextDue(sql: Sql): Promise<number | undefined> {
    const { rows } = await sql.query<{ next: Date | null }>(
      `select min(next_attempt_at) as next from ${this.table} where status = 'pending'`,
    );
    return rows[0]?.next?.getTime();
  }

  async markSent(sql: Sql, messageId: string, attempts: number, now: string): Promise<void> {
    await sql.query(
      `update ${this.table} set status = 'sent', attempts = $2, sent_at = $3, next_attempt_at = null, last_error = null
       where message_id = $1`,
      [messageId, attempts, now],
    );
  }

  /**
   * A failed attempt: tried again at `retryAt`, or given up (`failed`) when it is
   * null; also a message given up unsent (its candidate erased), `attempts` unchanged.
   */
  async markAttemptFailed(
    sql: Sql,
    messageId: string,
    attempts: number,
    error: string,
    retryAt: string | null,
  ): Promise<void> {
    await sql.query(
      `update ${this.table} set status = $2, attempts = $3, last_error = $4, next_attempt_at = $5
       where message_id = $1`,
      [
        messageId,
        retryAt === null ? 'failed' : 'pending',
        attempts,
        error.slice(0, 2_000),
        retryAt,
      ],
    );
  }

  /** A candidate's messages, oldest first, opened (`[erased]` once the candidate's key is). */
  async forCandidate(candidateId: string): Promise<OutboxMessage[]> {
    await this.ensureTable();
    const { rows } = await this.db.query<OutboxRow>(
      `select * from ${this.table} where candidate_id = $1 order by recorded_order`,
      [candidateId],
    );
    return this.opened(rows);
  }

  /** Called when a message is recorded, so the sender need not wait for its next look. */
  onRecorded(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }
}
