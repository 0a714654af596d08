import type { OutboxMessage } from './outbox-message';

/** Where messages leave the service: an SMTP relay (or the embedded SMTP server). */
export abstract class MailTransport {
  /** Resolves once the relay took the message; rejects with its reason otherwise. */
  abstract send(message: OutboxMessage): Promise<void>;
}

/** A refusal the relay will give again (a 5xx reply: no such mailbox, message refused). */
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** An address in a relay's reply ("<ada@example.org>: Recipient address rejected"). */
const ADDRESS = /[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+/g;

/**
 * Why a send failed, fit to keep and log: the recipient's name and any address
 * the relay's reply echoes are left out, as the outbox keeps them sealed only.
 */
export function failureReason(error: unknown, recipient: Readonly<{ name: string }>): string {
  const reason = error instanceof Error ? error.message : String(error);
  const withoutName = recipient.name === '' ? reason : reason.replaceAll(recipient.name, '[name]');
  return withoutName.replace(ADDRESS, '[address]');
}
