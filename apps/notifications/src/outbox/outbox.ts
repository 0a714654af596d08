import { ReadModelDatabase, type Sql } from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import type { MessageKind } from '../domain/message-kinds';
import type { DeliveryStatus, NewOutboxMessage, OutboxMessage } from './outbox-message';

type OutboxRow = Readonly<{
  message_id: string;
  delivery_key: string;
  candidate_id: string;
  kind: string;
  cause: string;
  recipient_name: string;
  recipient_email: string;
  subject: string;
  text_body: string;
  html_body: string;
  attachments: NewOutboxMessage['message']['attachments'];
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  recorded_at: Date;
  next_attempt_at: Date | null;
  sent_at: Date | null;
}>;

function messageOf(row: OutboxRow): OutboxMessage {
  return {
    messageId: row.message_id,
    deliveryKey: row.delivery_key,
    candidateId: row.candidate_id,
    kind: row.kind as MessageKind,
    cause: row.cause,
    recipient: { name: row.recipient_name, email: row.recipient_email },
    message: {
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      attachments: row.attachments,
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
 * shows it.
 */
@Injectable()
export class Outbox {
  readonly table: string;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly db: ReadModelDatabase) {
    this.table = db.table('outbox');
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

  /** Records a message to send; false when one with its delivery key was recorded already. */
  async record(message: NewOutboxMessage, now: string): Promise<boolean> {
    await this.ensureTable();
    const { rows } = await this.db.query(
      `insert into ${this.table} (delivery_key, candidate_id, kind, cause, recipient_name,
         recipient_email, subject, text_body, html_body, attachments, status, recorded_at, next_attempt_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $11)
       on conflict (delivery_key) do nothing
       returning message_id`,
      [
        message.deliveryKey,
        message.candidateId,
        message.kind,
        message.cause,
        message.recipient.name,
        message.recipient.email,
        message.message.subject,
        message.message.text,
        message.message.html,
        JSON.stringify(message.message.attachments),
        now,
      ],
    );
    if (rows.length > 0) for (const wake of this.waiters) wake();
    return rows.length > 0;
  }

  /** Pending messages due by `now`, oldest first. */
  async due(sql: Sql, now: string, limit: number): Promise<OutboxMessage[]> {
    const { rows } = await sql.query<OutboxRow>(
      `select * from ${this.table} where status = 'pending' and next_attempt_at <= $1
       order by next_attempt_at, recorded_order limit $2`,
      [now, limit],
    );
    return rows.map(messageOf);
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

  /** A failed attempt: tried again at `retryAt`, or given up (`failed`) when it is null. */
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

  /** A candidate's messages, oldest first. */
  async forCandidate(candidateId: string): Promise<OutboxMessage[]> {
    await this.ensureTable();
    const { rows } = await this.db.query<OutboxRow>(
      `select * from ${this.table} where candidate_id = $1 order by recorded_order`,
      [candidateId],
    );
    return rows.map(messageOf);
  }

  /** Called when a message is recorded, so the sender need not wait for its next look. */
  onRecorded(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }
}
