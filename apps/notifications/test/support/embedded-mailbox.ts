import {
  startEmbeddedSmtp,
  type EmbeddedSmtpServer,
  type MailboxMessageSummary,
} from '@hirestream/embedded-smtp';
import { freePort } from '@hirestream/testing';

/**
 * An embedded SMTP server for the spec file, started before the services (so
 * `env` holds its port when they read it) and stopped after them. Call at the
 * top level, before `useServiceApps`.
 */
export function useEmbeddedMailbox(): {
  env: Record<string, string>;
  server: () => EmbeddedSmtpServer;
} {
  const env: Record<string, string> = {};
  let server: EmbeddedSmtpServer | undefined;
  beforeAll(async () => {
    server = await startEmbeddedSmtp({ smtpPort: await freePort(), mailboxPort: 0 });
    env.SMTP_PORT = String(server.smtpPort);
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    env,
    server: () => {
      if (server === undefined) throw new Error('the mailbox has not started');
      return server;
    },
  };
}

/** The kinds of the messages the candidate received, in arrival order. */
export function kindsReceived(server: EmbeddedSmtpServer, candidateId: string): (string | null)[] {
  return received(server, candidateId).map((message) => message.kind);
}

export function received(server: EmbeddedSmtpServer, candidateId: string): MailboxMessageSummary[] {
  return server.store
    .all()
    .filter((message) => message.candidateId === candidateId)
    .map(({ attachments, ...message }) => ({
      ...message,
      attachments: attachments.map(({ filename, contentType, size }) => ({
        filename,
        contentType,
        size,
      })),
    }));
}
