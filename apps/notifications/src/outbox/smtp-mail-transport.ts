import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { NotificationsConfig, senderAddress, smtpPassword } from '../notifications.config';
import { MailTransport } from './mail-transport';
import type { OutboxMessage } from './outbox-message';

/** Headers the mailbox page (and any reader) groups messages by. */
export const CANDIDATE_ID_HEADER = 'X-Hirestream-Candidate-Id';
export const MESSAGE_KIND_HEADER = 'X-Hirestream-Message-Kind';

/**
 * Sends over SMTP with nodemailer, pooled, to the relay the configuration
 * names. The Message-ID is the outbox message's id, so a message sent again
 * after a crash (taken by the relay, not yet marked sent) is the same message
 * to anyone who de-duplicates by it.
 */
@Injectable()
export class SmtpMailTransport extends MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;
  private readonly from: string;
  private readonly domain: string;

  constructor(config: NotificationsConfig) {
    super();
    const password = smtpPassword(config);
    this.transporter = createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_TLS === 'implicit',
      requireTLS: config.SMTP_TLS === 'starttls',
      ignoreTLS: config.SMTP_TLS === 'none',
      auth:
        config.SMTP_USERNAME === undefined
          ? undefined
          : { user: config.SMTP_USERNAME, pass: password ?? '' },
      pool: true,
      maxConnections: 4,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    this.from = config.NOTIFICATIONS_FROM;
    this.domain = senderAddress(config).replace(/^.*@/, '');
  }

  async send(outbox: OutboxMessage): Promise<void> {
    await this.transporter.sendMail({
      from: this.from,
      to: { name: outbox.recipient.name, address: outbox.recipient.email },
      subject: outbox.message.subject,
      text: outbox.message.text,
      html: outbox.message.html,
      messageId: `<${outbox.messageId}@${this.domain}>`,
      headers: { [CANDIDATE_ID_HEADER]: outbox.candidateId, [MESSAGE_KIND_HEADER]: outbox.kind },
      attachments: outbox.message.attachments.map(({ filename, contentType, content }) => ({
        filename,
        contentType,
        content,
      })),
    });
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
