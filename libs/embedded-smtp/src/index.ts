export {
  EMBEDDED_MAILBOX_PORT,
  EMBEDDED_SMTP_PORT,
  startEmbeddedSmtp,
  type EmbeddedSmtpOptions,
  type EmbeddedSmtpServer,
} from './embedded-smtp-server';
export {
  CANDIDATE_HEADER,
  KIND_HEADER,
  type MailboxAttachment,
  type MailboxMessage,
  type MailboxMessageSummary,
} from './mailbox-message';
export { escapeHtml } from './mailbox-pages';
