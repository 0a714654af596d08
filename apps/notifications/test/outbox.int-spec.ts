import { hirestreamEventCatalog } from '@hirestream/contracts';
import {
  ERASED_VALUE,
  LocalKeyEncryptionKey,
  PersonalDataVault,
  PostgresDataKeyStore,
} from '@hirestream/personal-data';
import { JsonLogger } from '@hirestream/platform';
import { ReadModelDatabase } from '@hirestream/read-models';
import { TestClock } from '@hirestream/testing';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '../../../test/support/shared-postgres';

import { Registry } from 'prom-client';
import { MailTransport } from '../src/outbox/mail-transport';
import { Outbox } from '../src/outbox/outbox';
import type { NewOutboxMessage, OutboxMessage } from '../src/outbox/outbox-message';
import {
  ERASED_BEFORE_SENDING,
  MAX_SEND_ATTEMPTS,
  OutboxSender,
} from '../src/outbox/outbox-sender';

/** A relay that takes messages, or refuses the next ones as told; it records what it took. */
class RecordingRelay extends MailTransport {
  readonly taken: OutboxMessage[] = [];
  refusals: Error[] = [];

  async send(message: OutboxMessage): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const refusal = this.refusals.shift();
    if (refusal !== undefined) throw refusal;
    this.taken.push(message);
  }
}

const CANDIDATE = '00000000-0000-4000-8000-000000000001';
const message = (deliveryKey: string, candidateId = CANDIDATE): NewOutboxMessage => ({
  deliveryKey,
  candidateId,
  kind: 'application-received',
  cause: deliveryKey.split(':')[0],
  recipient: { name: 'Ada Lovelace', email: 'ada@example.org' },
  message: {
    subject: 'We received your application, Ada',
    text: 'Thank you, Ada Lovelace',
    html: '<p>Thank you, Ada Lovelace</p>',
    attachments: [
      {
        filename: 'invitation.ics',
        contentType: 'text/calendar',
        content: 'ATTENDEE;CN=Ada Lovelace:mailto:ada@example.org',
      },
    ],
  },
});

describe('the notifications outbox (embedded PostgreSQL)', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: ReadModelDatabase;
  let vault: PersonalDataVault;
  let outbox: Outbox;
  let relay: RecordingRelay;
  let clock: TestClock;
  const senders: OutboxSender[] = [];
  const senderOf = () => {
    const sender = new OutboxSender(
      outbox,
      db,
      relay,
      clock,
      new JsonLogger({ service: 'notifications', level: 'silent' }),
      new Registry(),
    );
    senders.push(sender);
    return sender;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    db = new ReadModelDatabase(database.url, 'notifications');
    const kek = new LocalKeyEncryptionKey(randomBytes(32));
    vault = new PersonalDataVault(hirestreamEventCatalog, new PostgresDataKeyStore(db, kek));
    outbox = new Outbox(db, vault);
    relay = new RecordingRelay();
    clock = new TestClock('2030-03-01T10:00:00Z');
  });
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((sender) => sender.beforeApplicationShutdown()));
    await db.close();
    await database.drop();
  });

  it('records a message once per delivery key, pending until sent, then sent after one attempt', async () => {
    expect(await outbox.record(message('event-1:application-received'), clock.instant())).toBe(
      true,
    );
    expect(await outbox.record(message('event-1:application-received'), clock.instant())).toBe(
      false,
    );
    expect(await outbox.forCandidate(CANDIDATE)).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 0, lastError: null, sentAt: null }),
    ]);

    expect(await senderOf().sendDue()).toBe(1);
    expect(await senderOf().sendDue()).toBe(0);

    expect(relay.taken.map((taken) => taken.deliveryKey)).toEqual(['event-1:application-received']);
    expect(await outbox.forCandidate(CANDIDATE)).toEqual([
      expect.objectContaining({
        status: 'sent',
        attempts: 1,
        lastError: null,
        sentAt: '2030-03-01T10:00:00.000Z',
        nextAttemptAt: null,
      }),
    ]);
  });

  it('retries a failed attempt with backoff, keeping the last error, and sends it once the relay takes it', async () => {
    await outbox.record(message('event-2:application-received'), clock.instant());
    relay.refusals = [new Error('connect ECONNREFUSED'), new Error('greeting never received')];
    const sender = senderOf();

    await sender.sendDue();
    expect(await outbox.forCandidate(CANDIDATE)).toEqual([
      expect.objectContaining({
        status: 'pending',
        attempts: 1,
        lastError: 'connect ECONNREFUSED',
        nextAttemptAt: '2030-03-01T10:00:02.000Z',
      }),
    ]);
    expect(await sender.sendDue()).toBe(0);

    clock.advance(2_000);
    await sender.sendDue();
    expect(await outbox.forCandidate(CANDIDATE)).toEqual([
      expect.objectContaining({
        status: 'pending',
        attempts: 2,
        lastError: 'greeting never received',
        nextAttemptAt: '2030-03-01T10:00:06.000Z',
      }),
    ]);

    clock.advance(4_000);
    await sender.sendDue();
    expect(await outbox.forCandidate(CANDIDATE)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 3, lastError: null }),
    ]);
    expect(relay.taken).toHaveLength(1);
  });

  it('gives up at once on a permanent refusal, and after the last attempt otherwise', async () => {
    await outbox.record(message('event-3:application-received'), clock.instant());
    await outbox.record(message('event-4:application-received'), clock.instant());
    relay.refusals = [
      Object.assign(
        new Error(
          "Can't send mail - all recipients were rejected: 550 5.1.1 <ada@example.org>: no such mailbox for Ada Lovelace",
        ),
        { responseCode: 550 },
      ),
      ...Array.from({ length: MAX_SEND_ATTEMPTS }, () => new Error('timeout')),
    ];
    const sender = senderOf();
    for (let pass = 0; pass < MAX_SEND_ATTEMPTS; pass += 1) {
      await sender.sendDue();
      clock.advance(60 * 60_000);
    }

    const [refused, timedOut] = await outbox.forCandidate(CANDIDATE);
    expect(refused).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError:
        "Can't send mail - all recipients were rejected: 550 5.1.1 <[address]>: no such mailbox for [name]",
      nextAttemptAt: null,
    });
    expect(timedOut).toMatchObject({
      status: 'failed',
      attempts: MAX_SEND_ATTEMPTS,
      lastError: 'timeout',
      nextAttemptAt: null,
    });
    expect(relay.taken).toEqual([]);
  });

  it('sends each message once when three senders pass at the same time (one holds the lock)', async () => {
    for (let n = 0; n < 30; n += 1)
      await outbox.record(message(`event-${n}:application-received`), clock.instant());

    const tried = await Promise.all(
      [senderOf(), senderOf(), senderOf()].map((sender) => sender.sendDue()),
    );

    expect(tried.reduce((sum, count) => sum + count, 0)).toBe(30);
    expect(new Set(relay.taken.map((taken) => taken.messageId)).size).toBe(30);
    expect(relay.taken).toHaveLength(30);
  });

  it('keeps the recipient, subject, bodies and attachments sealed, and shows them opened', async () => {
    await outbox.record(message('event-5:application-received'), clock.instant());

    const { rows } = await db.query<{ kept: string }>(
      `select row_to_json(o)::text as kept from ${outbox.table} o`,
    );
    expect(rows).toHaveLength(1);
    for (const plain of ['Ada', 'Lovelace', 'ada@example.org', 'Thank you', 'ATTENDEE']) {
      expect(rows[0].kept).not.toContain(plain);
    }
    expect(rows[0].kept).toContain('invitation.ics');
    expect(await outbox.forCandidate(CANDIDATE)).toEqual([
      expect.objectContaining({
        recipient: { name: 'Ada Lovelace', email: 'ada@example.org' },
        message: message('event-5:application-received').message,
      }),
    ]);
  });

  it("sends nothing once the candidate's key is erased: a pending message fails saying why, and none is recorded", async () => {
    const other = '00000000-0000-4000-8000-000000000002';
    await outbox.record(message('event-6:application-received'), clock.instant());
    await outbox.record(message('event-7:application-received', other), clock.instant());
    await vault.erase([`candidate:${CANDIDATE}`]);

    expect(await senderOf().sendDue()).toBe(2);

    expect(relay.taken.map((taken) => taken.candidateId)).toEqual([other]);
    const [erased] = await outbox.forCandidate(CANDIDATE);
    expect(erased).toMatchObject({
      status: 'failed',
      attempts: 0,
      lastError: ERASED_BEFORE_SENDING,
      nextAttemptAt: null,
      recipient: { name: ERASED_VALUE, email: ERASED_VALUE },
      message: {
        subject: ERASED_VALUE,
        text: ERASED_VALUE,
        html: ERASED_VALUE,
        attachments: [{ filename: 'invitation.ics', content: ERASED_VALUE }],
      },
    });
    expect(await outbox.record(message('event-8:application-received'), clock.instant())).toBe(
      false,
    );
    expect(await outbox.forCandidate(CANDIDATE)).toHaveLength(1);
  });
});
