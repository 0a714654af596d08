import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { startEmbeddedSmtp, type EmbeddedSmtpServer, type MailboxMessageSummary } from '../src';

async function sendTo(server: EmbeddedSmtpServer, subject: string): Promise<void> {
  const transport = createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false });
  await transport.sendMail({
    from: 'hirestream <no-reply@hirestream.localhost>',
    to: 'ada@example.org',
    subject,
    text: 'Your interview is on <Monday>.',
    html: '<p>Your interview</p><script>alert(1)</script><img src="https://tracker.example/p.gif">',
    headers: {
      'X-Hirestream-Candidate-Id': 'c-1',
      'X-Hirestream-Message-Kind': 'interview-scheduled',
    },
    attachments: [
      {
        filename: 'interview.ics',
        content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
        contentType: 'text/calendar',
      },
    ],
  });
  transport.close();
}

async function listed(server: EmbeddedSmtpServer, query = ''): Promise<MailboxMessageSummary[]> {
  const response = await fetch(`${server.mailboxUrl}/api/messages${query}`);
  return ((await response.json()) as { messages: MailboxMessageSummary[] }).messages;
}

describe('the embedded SMTP server and its mailbox page', () => {
  let dataDir: string;
  let server: EmbeddedSmtpServer;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'embedded-smtp-'));
    server = await startEmbeddedSmtp({ smtpPort: 0, mailboxPort: 0, dataDir });
  });
  afterEach(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a message sent over SMTP with its candidate, kind, text, HTML and attachment', async () => {
    await sendTo(server, 'Interview <scheduled>');

    const [message] = await listed(server, '?candidate=c-1');
    expect(message).toMatchObject({
      sequence: 1,
      to: ['ada@example.org'],
      subject: 'Interview <scheduled>',
      candidateId: 'c-1',
      kind: 'interview-scheduled',
      text: 'Your interview is on <Monday>.',
      attachments: [{ filename: 'interview.ics', contentType: 'text/calendar' }],
    });
    expect(await listed(server, '?candidate=someone-else')).toEqual([]);
  });

  it('shows the list and the message escaped, the HTML body sandboxed, the attachment as a download', async () => {
    await sendTo(server, 'Interview <scheduled>');

    const list = await fetch(`${server.mailboxUrl}/?to=ada@example.org`);
    const listHtml = await list.text();
    expect(list.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(listHtml).toContain('Interview &lt;scheduled&gt;');
    expect(listHtml).not.toContain('<scheduled>');

    const page = await (await fetch(`${server.mailboxUrl}/messages/1`)).text();
    expect(page).toContain('Your interview is on &lt;Monday&gt;.');
    expect(page).toContain('<iframe sandbox title="HTML body" src="/messages/1/html">');
    expect(page).not.toContain('<script>');

    const body = await fetch(`${server.mailboxUrl}/messages/1/html`);
    expect(body.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(await body.text()).toContain('<p>Your interview</p>');

    const attachment = await fetch(`${server.mailboxUrl}/messages/1/attachments/0`);
    expect(attachment.headers.get('content-disposition')).toMatch(
      /^attachment; filename="interview.ics"/,
    );
    expect(await attachment.text()).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');

    expect((await fetch(`${server.mailboxUrl}/messages/2`)).status).toBe(404);
    expect((await fetch(`${server.mailboxUrl}/messages/1/attachments/5`)).status).toBe(404);
    expect((await fetch(`${server.mailboxUrl}/`, { method: 'POST' })).status).toBe(405);
  });

  it('keeps its messages across a restart, numbering on after them', async () => {
    await sendTo(server, 'first');
    await server.close();
    server = await startEmbeddedSmtp({ smtpPort: 0, mailboxPort: 0, dataDir });
    await sendTo(server, 'second');

    expect(
      (await listed(server)).map(({ sequence, subject, kind }) => ({ sequence, subject, kind })),
    ).toEqual([
      { sequence: 1, subject: 'first', kind: 'interview-scheduled' },
      { sequence: 2, subject: 'second', kind: 'interview-scheduled' },
    ]);
  });
});
