import { BackgroundWork, Clock, JsonLogger } from '@hirestream/platform';
import {
  DuePasses,
  inParallel,
  lockKey,
  ReadModelDatabase,
  underAdvisoryLock,
  type Sql,
} from '@hirestream/read-models';
import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { failureReason, isPermanentRefusal, MailTransport } from './mail-transport';
import { Outbox } from './outbox';
import type { DueMessage } from './outbox-message';

/** The longest the sender waits before looking again (a message recorded elsewhere, a retry due). */
export const OUTBOX_POLL_MS = 1_000;
const BATCH = 50;
const PARALLEL_SENDS = 4;
/** Attempts in all before a message is given up as `failed`. */
export const MAX_SEND_ATTEMPTS = 8;
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 15 * 60_000;
/** The last error of a message given up unsent because its candidate's personal data was erased. */
export const ERASED_BEFORE_SENDING =
  "not sent: the candidate's personal data was erased before it was sent";

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
 * on the message. A message whose candidate's personal data was erased since
 * it was recorded is not sent: it fails at once, saying so.
 */
@BackgroundWork()
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly lockKey: string;
  private readonly passes: DuePasses;
  private stopped = false;
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
    this.passes = new DuePasses({
      pollMs: OUTBOX_POLL_MS,
      clock,
      pass: async () => {
        await this.sendDue();
        return this.outbox.nextDue(this.db);
      },
      // PostgreSQL unreachable: the next pass tries again.
      onFailure: (error) =>
        logger.pino.debug({ context: 'outbox', error: String(error) }, 'outbox pass skipped'),
    });
    this.outcomes = new Counter({
      name: 'hirestream_notifications_send_attempts_total',
      help: 'Attempts to send a message by outcome: sent, retried, failed (given up), erased (not sent: the candidate was erased)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.outbox.onRecorded(() => this.passes.soon());
    this.passes.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stopListening?.();
    await this.passes.stop();
  }

  /**
   * One pass: sends what is due now if this replica holds the lock; returns
   * how many messages it tried. Tests and benchmarks call it.
   */
  async sendDue(): Promise<number> {
    await this.outbox.ensureTable();
    const tried = await underAdvisoryLock(this.db, this.lockKey, async (client) => {
      let count = 0;
      for (;;) {
        const due = await this.outbox.due(client, this.clock.instant(), BATCH);
        // Marked through the pool: the lock's connection takes one query at a time.
        await inParallel(due, PARALLEL_SENDS, (message) => this.sendOne(this.db, message));
        count += due.length;
        if (due.length < BATCH || this.stopped) return count;
      }
    });
    return tried ?? 0;
  }

  private async sendOne(sql: Sql, message: DueMessage): Promise<void> {
    if (message.erased) {
      await this.outbox.markAttemptFailed(
        sql,
        message.messageId,
        message.attempts,
        ERASED_BEFORE_SENDING,
        null,
      );
      this.outcomes.inc({ outcome: 'erased' });
      this.logger.pino.info(
        {
          context: 'outbox',
          messageId: message.messageId,
          kind: message.kind,
          candidateId: message.candidateId,
        },
        ERASED_BEFORE_SENDING,
      );
      return;
    }
    const attempts = message.attempts + 1;
    try {
      await this.transport.send(message);
      await this.outbox.markSent(sql, message.messageId, attempts, this.clock.instant());
      this.outcomes.inc({ outcome: 'sent' });
    } catch (error) {
      const reason = failureReason(error, message.recipient);
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
}
