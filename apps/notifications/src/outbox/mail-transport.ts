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
