import { simpleParser, type AddressObject } from 'mailparser';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CANDIDATE_HEADER,
  KIND_HEADER,
  type MailboxAttachment,
  type MailboxMessage,
} from './mailbox-message';

const RAW_SUFFIX = '.eml';

function addressText(address: AddressObject | AddressObject[] | undefined): string {
  if (address === undefined) return '';
  return (Array.isArray(address) ? address : [address]).map((one) => one.text).join(', ');
}

function headerText(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Reads a raw message (RFC 5322) into what the mailbox shows. */
export async function parseMessage(
  raw: Buffer,
  sequence: number,
  receivedAt: string,
  envelopeTo: readonly string[],
): Promise<MailboxMessage> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const attachments: MailboxAttachment[] = parsed.attachments.map((attachment, index) => ({
    filename: attachment.filename ?? `attachment-${index + 1}`,
    contentType: attachment.contentType,
    size: attachment.size,
    content: attachment.content,
  }));
  const to = envelopeTo.length > 0 ? envelopeTo : [addressText(parsed.to)];
  return {
    sequence,
    receivedAt,
    messageId: parsed.messageId ?? null,
    from: addressText(parsed.from),
    to,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    candidateId: headerText(parsed.headers.get(CANDIDATE_HEADER)),
    kind: headerText(parsed.headers.get(KIND_HEADER)),
    attachments,
  };
}

/**
 * Every message received, in arrival order; kept as raw `.eml` files in
 * `dataDir` when given (read back at start), else in memory only.
 */
export class MailboxStore {
  private readonly messages: MailboxMessage[] = [];
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly dataDir: string | undefined) {}

  static async open(dataDir: string | undefined): Promise<MailboxStore> {
    const store = new MailboxStore(dataDir);
    if (dataDir !== undefined) {
      await mkdir(dataDir, { recursive: true });
      const files = (await readdir(dataDir))
        .filter((file) => /^\d+\.eml$/.test(file))
        .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
      for (const file of files) {
        const raw = await readFile(join(dataDir, file));
        const { envelopeTo, receivedAt, message } = splitEnvelope(raw);
        store.messages.push(
          await parseMessage(message, Number.parseInt(file, 10), receivedAt, envelopeTo),
        );
      }
    }
    return store;
  }

  async add(raw: Buffer, envelopeTo: readonly string[]): Promise<MailboxMessage> {
    const sequence = (this.messages.at(-1)?.sequence ?? 0) + 1;
    const receivedAt = new Date().toISOString();
    const message = await parseMessage(raw, sequence, receivedAt, envelopeTo);
    if (this.dataDir !== undefined) {
      const envelope = Buffer.from(
        `X-Mailbox-Envelope-To: ${envelopeTo.join(', ')}\r\nX-Mailbox-Received-At: ${receivedAt}\r\n`,
      );
      await writeFile(
        join(this.dataDir, `${sequence}${RAW_SUFFIX}`),
        Buffer.concat([envelope, raw]),
      );
    }
    this.messages.push(message);
    for (const listener of this.listeners) listener();
    return message;
  }

  all(): readonly MailboxMessage[] {
    return this.messages;
  }

  get(sequence: number): MailboxMessage | undefined {
    return this.messages.find((message) => message.sequence === sequence);
  }

  /** Called after each message arrives; returns the way to stop listening. */
  onMessage(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A kept file is the envelope's two header lines, then the message as received. */
function splitEnvelope(raw: Buffer): {
  envelopeTo: string[];
  receivedAt: string;
  message: Buffer;
} {
  const lines: string[] = [];
  let offset = 0;
  for (let line = 0; line < 2; line += 1) {
    const end = raw.indexOf('\r\n', offset);
    if (end < 0) break;
    lines.push(raw.subarray(offset, end).toString('utf8'));
    offset = end + 2;
  }
  const valueOf = (name: string) =>
    lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
  const to = valueOf('X-Mailbox-Envelope-To');
  const receivedAt = valueOf('X-Mailbox-Received-At');
  if (to === undefined || receivedAt === undefined) {
    return { envelopeTo: [], receivedAt: new Date(0).toISOString(), message: raw };
  }
  return {
    envelopeTo: to.split(', ').filter((address) => address.length > 0),
    receivedAt,
    message: raw.subarray(offset),
  };
}
