import { hirestreamEventCatalog } from '@hirestream/contracts';
import { startEmbeddedSmtp } from '@hirestream/embedded-smtp';
import { startPostgresServer } from '@hirestream/embedded-postgres';
import {
  LocalKeyEncryptionKey,
  PersonalDataVault,
  PostgresDataKeyStore,
} from '@hirestream/personal-data';
import { Clock, JsonLogger } from '@hirestream/platform';
import { ReadModelDatabase } from '@hirestream/read-models';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { NotificationsConfig } from '../apps/notifications/src/notifications.config';
import { Outbox } from '../apps/notifications/src/outbox/outbox';
import { OutboxSender } from '../apps/notifications/src/outbox/outbox-sender';
import { SmtpMailTransport } from '../apps/notifications/src/outbox/smtp-mail-transport';
import { makeTempDir, removeTempDir } from '../test/support/temp-dir';

// The notifications outbox end to end on the embedded servers: N messages recorded in PostgreSQL
// (one insert each, as the consumer records them), then sent by one sender pass over SMTP
// (nodemailer, pooled, 4 at a time) to the embedded SMTP server, which parses and keeps each.
// Each message's personal values are sealed as recorded and opened as sent, as in the service.
const MESSAGES = Number(process.env.BENCH_NOTIFICATIONS_MESSAGES ?? 2_000);

async function main(): Promise<void> {
  const dataDir = await makeTempDir('bench-notifications');
  const postgres = await startPostgresServer({ port: 0, dataDir: join(dataDir, 'postgres') });
  const smtp = await startEmbeddedSmtp({ smtpPort: 0, mailboxPort: 0 });
  const db = new ReadModelDatabase(postgres.connectionString, 'notifications');
  const config = Object.assign(new NotificationsConfig(), { SMTP_PORT: smtp.smtpPort });
  const transport = new SmtpMailTransport(config);
  const kek = new LocalKeyEncryptionKey(randomBytes(32));
  const outbox = new Outbox(
    db,
    new PersonalDataVault(hirestreamEventCatalog, new PostgresDataKeyStore(db, kek)),
  );
  const logger = new JsonLogger({ service: 'bench', level: 'warn' });
  const sender = new OutboxSender(outbox, db, transport, new Clock(), logger, new Registry());
  try {
    const html = `<p>${'Your interview is on Monday. '.repeat(20)}</p>`;
    const started = process.hrtime.bigint();
    for (let n = 0; n < MESSAGES; n += 1) {
      await outbox.record(
        {
          deliveryKey: `event-${n}:application-received`,
          candidateId: '00000000-0000-4000-8000-000000000001',
          kind: 'interview-scheduled',
          cause: `event-${n}`,
          recipient: { name: 'Ada Lovelace', email: 'ada@example.org' },
          message: {
            subject: 'Your interview on Monday, March 4, 2030',
            text: 'Your interview is on Monday.\n'.repeat(20),
            html,
            attachments: [
              {
                filename: 'invitation.ics',
                contentType: 'text/calendar',
                content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
              },
            ],
          },
        },
        new Date().toISOString(),
      );
    }
    const recorded = process.hrtime.bigint();
    const sent = await sender.sendDue();
    const done = process.hrtime.bigint();
    const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;
    console.log(
      `load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `recorded ${MESSAGES} messages in ${seconds(started, recorded).toFixed(2)} s: ${Math.round(MESSAGES / seconds(started, recorded))} messages/s`,
    );
    console.log(
      `sent ${sent} over SMTP (kept by the embedded server: ${smtp.store.all().length}) in ${seconds(recorded, done).toFixed(2)} s: ${Math.round(sent / seconds(recorded, done))} messages/s`,
    );
  } finally {
    transport.onApplicationShutdown();
    await db.close();
    await smtp.close();
    await postgres.close();
    await removeTempDir(dataDir);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
