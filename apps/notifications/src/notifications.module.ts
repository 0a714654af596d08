import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventConsumerModule, KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module, type Provider } from '@nestjs/common';
import { CandidateMessagesController } from './candidate-messages/candidate-messages.controller';
import type { NoticeSettings } from './domain/candidate-notice';
import { DEFAULT_TEMPLATES_DIR, MessageTemplates } from './messages/message-templates';
import { NotificationsConfig, senderAddress } from './notifications.config';
import { CandidateNotifier, NOTICE_SETTINGS } from './notices/candidate-notifier';
import { MailTransport } from './outbox/mail-transport';
import { Outbox } from './outbox/outbox';
import { OutboxSender } from './outbox/outbox-sender';
import { SmtpMailTransport } from './outbox/smtp-mail-transport';
import { CONSUMER_GROUP, HiringEventsConsumer } from './reactions/hiring-events.consumer';
import { OfferReminderFiring, OfferReminderTimers } from './reminders/offer-reminder.firing';

export const SERVICE = 'notifications';

/** Compiled once at start: a bad template stops the service naming the file. */
const templatesProvider: Provider = {
  provide: MessageTemplates,
  useFactory: (config: NotificationsConfig) =>
    MessageTemplates.fromFolder(config.NOTIFICATIONS_TEMPLATES_DIR ?? DEFAULT_TEMPLATES_DIR),
  inject: [NotificationsConfig],
};

const noticeSettingsProvider: Provider = {
  provide: NOTICE_SETTINGS,
  useFactory: (config: NotificationsConfig): NoticeSettings => ({
    locale: config.NOTIFICATIONS_LOCALE,
    timeZone: config.NOTIFICATIONS_TIME_ZONE,
    organizer: senderAddress(config),
  }),
  inject: [NotificationsConfig],
};

/** Tells candidates each outcome of their hiring process by email, through an outbox. */
@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    KafkaModule.forService(SERVICE),
    EventConsumerModule.forGroup(CONSUMER_GROUP),
    ReadModelModule.forService(SERVICE),
  ],
  controllers: [CandidateMessagesController, HiringEventsConsumer],
  providers: [
    templatesProvider,
    noticeSettingsProvider,
    Outbox,
    { provide: MailTransport, useClass: SmtpMailTransport },
    OutboxSender,
    CandidateNotifier,
    OfferReminderTimers,
    OfferReminderFiring,
  ],
})
export class NotificationsModule {}
