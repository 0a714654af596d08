import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { summaryOf } from './mailbox-message';
import {
  listPage,
  MESSAGE_BODY_SECURITY_POLICY,
  matchesFilter,
  messagePage,
  notFoundPage,
  PAGE_SECURITY_POLICY,
  type MailboxFilter,
} from './mailbox-pages';
import { MailboxStore } from './mailbox-store';

/** `npm start`'s SMTP port and mailbox page port. */
export const EMBEDDED_SMTP_PORT = 2525;
export const EMBEDDED_MAILBOX_PORT = 3091;

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export type EmbeddedSmtpOptions = Readonly<{
  /** 0 picks a free port. Default 2525. */
  smtpPort?: number;
  /** 0 picks a free port. Default 3091. */
  mailboxPort?: number;
  /** Both listen here; loopback by default (the mailbox has no login). */
  host?: string;
  /** Where messages are kept (raw `.eml` files, read back at start); in memory only without. */
  dataDir?: string;
}>;

export type EmbeddedSmtpServer = Readonly<{
  smtpPort: number;
  /** The mailbox page. */
  mailboxUrl: string;
  store: MailboxStore;
  close(): Promise<void>;
}>;

/**
 * A local SMTP server that keeps every message it is sent (any sender, any
 * recipient, any credentials; no TLS), and a mailbox page where a developer
 * reads them: for `npm start` and tests, never for production.
 */
export async function startEmbeddedSmtp(
  options: EmbeddedSmtpOptions = {},
): Promise<EmbeddedSmtpServer> {
  const host = options.host ?? '127.0.0.1';
  const store = await MailboxStore.open(options.dataDir);
  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    size: MAX_MESSAGE_BYTES,
    banner: 'hirestream embedded SMTP: every message is kept for the mailbox page',
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anyone' }),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('message too large'), { responseCode: 552 }));
          return;
        }
        const recipients = session.envelope.rcptTo.map((recipient) => recipient.address);
        store.add(Buffer.concat(chunks), recipients).then(
          () => callback(),
          (error: unknown) =>
            callback(
              Object.assign(new Error(`message not kept: ${String(error)}`), {
                responseCode: 451,
              }),
            ),
        );
      });
    },
  });
  // A client that drops its connection mid-message must not stop the server.
  smtp.on('error', () => undefined);
  const smtpPort = await listen(smtp.server, options.smtpPort ?? EMBEDDED_SMTP_PORT, host);

  const mailbox = createServer((request, response) => serveMailbox(store, request, response));
  let mailboxPort: number;
  try {
    mailboxPort = await listen(mailbox, options.mailboxPort ?? EMBEDDED_MAILBOX_PORT, host);
  } catch (error) {
    await new Promise<void>((done) => smtp.close(() => done()));
    throw error;
  }
  return {
    smtpPort,
    mailboxUrl: `http://${host}:${mailboxPort}`,
    store,
    close: async () => {
      await Promise.all([
        new Promise<void>((done) => smtp.close(() => done())),
        new Promise<void>((done) => {
          mailbox.close(() => done());
          mailbox.closeAllConnections();
        }),
      ]);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': contentType,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'content-security-policy': PAGE_SECURITY_POLICY,
    'x-frame-options': 'SAMEORIGIN',
    ...headers,
  });
  response.end(body);
}

const HTML = 'text/html; charset=utf-8';

function serveMailbox(
  store: MailboxStore,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'text/plain; charset=utf-8', 'the mailbox is read-only', { allow: 'GET' });
    return;
  }
  const url = new URL(request.url ?? '/', 'http://mailbox');
  const filter: MailboxFilter = {
    candidate: url.searchParams.get('candidate') ?? undefined,
    to: url.searchParams.get('to') ?? undefined,
  };
  if (url.pathname === '/') {
    send(response, 200, HTML, listPage(store.all(), filter));
    return;
  }
  if (url.pathname === '/api/messages') {
    const messages = store
      .all()
      .filter((message) => matchesFilter(message, filter))
      .map(summaryOf);
    send(response, 200, 'application/json', JSON.stringify({ messages }));
    return;
  }
  const match = /^\/messages\/(\d{1,12})(?:\/(html|attachments\/(\d{1,4})))?$/.exec(url.pathname);
  const message = match === null ? undefined : store.get(Number.parseInt(match[1], 10));
  if (match === null || message === undefined) {
    send(response, 404, HTML, notFoundPage(`No message at ${url.pathname}.`));
    return;
  }
  if (match[2] === undefined) {
    send(response, 200, HTML, messagePage(message));
  } else if (match[2] === 'html') {
    send(response, message.html === null ? 404 : 200, HTML, message.html ?? '', {
      'content-security-policy': MESSAGE_BODY_SECURITY_POLICY,
    });
  } else {
    const attachment = message.attachments[Number.parseInt(match[3], 10)];
    if (attachment === undefined) {
      send(response, 404, HTML, notFoundPage('No such attachment.'));
      return;
    }
    // Always a download, never rendered in the mailbox's origin.
    const asciiName = attachment.filename.replace(/[^\w.-]/g, '_');
    send(response, 200, 'application/octet-stream', attachment.content, {
      'content-disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
    });
  }
}
