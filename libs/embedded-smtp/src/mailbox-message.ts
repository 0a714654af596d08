/** Headers the notifications service stamps on every message, so the mailbox can group and name them. */
export const CANDIDATE_HEADER = 'x-hirestream-candidate-id';
export const KIND_HEADER = 'x-hirestream-message-kind';

export type MailboxAttachment = Readonly<{
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}>;

/** A message the embedded SMTP server accepted, as the mailbox shows it. */
export type MailboxMessage = Readonly<{
  /** The order it arrived in, from 1; also its file name when kept on disk. */
  sequence: number;
  receivedAt: string;
  messageId: string | null;
  from: string;
  /** The SMTP envelope's recipients. */
  to: readonly string[];
  subject: string;
  text: string;
  html: string | null;
  candidateId: string | null;
  kind: string | null;
  attachments: readonly MailboxAttachment[];
}>;

/** A message without its attachments' bytes: what the JSON list and the tests read. */
export type MailboxMessageSummary = Omit<MailboxMessage, 'attachments'> &
  Readonly<{ attachments: readonly Omit<MailboxAttachment, 'content'>[] }>;

export function summaryOf(message: MailboxMessage): MailboxMessageSummary {
  return {
    ...message,
    attachments: message.attachments.map(({ filename, contentType, size }) => ({
      filename,
      contentType,
      size,
    })),
  };
}
