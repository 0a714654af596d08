import { BackgroundWork, Clock, JsonLogger } from '@hirestream/platform';
import { inParallel, lockKey, ReadModelDatabase, type Sql } from '@hirestream/read-models';
import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { isPermanentRefusal, MailTransport } from './mail-transport';
import { Outbox } from './outbox';
import type { OutboxMessage } from './outbox-message';

/** The longest the sender waits before looking again (a message recorded elsewhere, a retry due). */
export const OUTBOX_POLL_MS = 1_000;
const BATCH = 50;
const PARALLEL_SENDS = 4;
/** Attempts in all before a message is given up as `failed`. */
export const MAX_SEND_ATTEMPTS = 8;
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 15 * 60_000;

/** When the `attempts`-th failed attempt is tried again: 2 s doubling, at most 15 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** (attempts - 1), RETRY_MAX_MS);
}

/**
 * Sends the outbox's pending messages over the transport: one replica at a
 * time (the one holding the outbox's advisory lock on its own connection),
 * each due message once per pass, 4 at a time. A failed attempt is retried
 * with backoff (2 s doubling to 15 min) up to 8 attempts; a permanent refusal
 * (an SMTP 5xx) fails at once. Status, attempts and the last error are kept
 * on the message.
 */
@BackgroundWork()
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly lockKey: string;
  private wakeUp: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private again = false;
  private stopListening: (() => void) | undefined;
  private readonly outcomes: Counter<'outcome'>;

  constructor(
    private readonly outbox: Outbox,
    private readonly db: ReadModelDatabase,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    registry: Registry,
  ) {
    this.lockKey = lockKey(`hirestream:outbox:${db.schema}`);
    this.outcomes = new Counter({
      name: 'hirestream_notifications_send_attempts_total',
      help: 'Attempts to send a message by outcome: sent, retried, failed (given up)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.outbox.onRecorded(() => this.soon());
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stopListening?.();
    clearTimeout(this.wakeUp);
    await this.running;
  }

  /**
   * One pass: sends what is due now if this replica holds the lock; returns
   * how many messages it tried. Tests and benchmarks call it.
   */
  async sendDue(): Promise<number> {
    await this.outbox.ensureTable();
    const client = await this.db.dedicatedClient();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock($1::bigint) as locked',
        [this.lockKey],
      );
      if (rows[0]?.locked !== true) return 0;
      try {
        let tried = 0;
        for (;;) {
          const due = await this.outbox.due(client, this.clock.instant(), BATCH);
          // Marked through the pool: the lock's connection takes one query at a time.
          await inParallel(due, PARALLEL_SENDS, (message) => this.sendOne(this.db, message));
          tried += due.length;
          if (due.length < BATCH || this.stopped) return tried;
        }
      } finally {
        await client.query('select pg_advisory_unlock($1::bigint)', [this.lockKey]);
      }
    } finally {
      client.release();
    }
  }

  private async sendOne(sql: Sql, message: OutboxMessage): Promise<void> {
    const attempts = message.attempts + 1;
    try {
      await this.transport.send(message);
      await this.outbox.markSent(sql, message.messageId, attempts, this.clock.instant());
      this.outcomes.inc({ outcome: 'sent' });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const giveUp = attempts >= MAX_SEND_ATTEMPTS || isPermanentRefusal(error);
      const retryAt = giveUp
        ? null
        : new Date(this.clock.now() + retryDelayMs(attempts)).toISOString();
      await this.outbox.markAttemptFailed(sql, message.messageId, attempts, reason, retryAt);
      this.outcomes.inc({ outcome: giveUp ? 'failed' : 'retried' });
      const details = {
        context: 'outbox',
        messageId: message.messageId,
        kind: message.kind,
        candidateId: message.candidateId,
        attempts,
        error: reason,
      };
      if (giveUp) this.logger.pino.error(details, 'message not sent; given up');
      else if (attempts === 1)
        this.logger.pino.warn({ ...details, retryAt }, 'message not sent; retrying with backoff');
    }
  }

  private soon(): void {
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    clearTimeout(this.wakeUp);
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.wakeUp = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.soon();
        }
      });
    }, ms);
    this.wakeUp.unref();
  }

  private async pass(): Promise<void> {
    let next = OUTBOX_POLL_MS;
    try {
      await this.sendDue();
      const soonest = await this.outbox.nextDue(this.db);
      if (soonest !== undefined) {
        next = Math.max(0, Math.min(OUTBOX_POLL_MS, soonest - this.clock.now()));
      }
    } catch (error) {
      // PostgreSQL unreachable: the next pass tries again.
      this.logger.pino.debug({ context: 'outbox', error: String(error) }, 'outbox pass skipped');
    }
    if (!this.again) this.schedule(next);
  }
}
