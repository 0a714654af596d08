import { candidateStreamName } from '@hirestream/contracts';
import { EventStore } from '@hirestream/event-sourcing';
import type { IncomingEvent } from '@hirestream/messaging';
import { Clock } from '@hirestream/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { CandidateNotice, NoticeSettings } from '../domain/candidate-notice';
import {
  evolveCandidateProfile,
  PROFILE_EVENT_TYPES,
  type CandidateProfile,
} from '../domain/candidate-profile';
import type { HiringEvent, HiringRecord } from '../domain/hiring-event';
import { NOTICE_EVENT_TYPES, noticeFor, offerReminderFor } from '../domain/notices';
import type { OfferReminder } from '../domain/offer-reminder.schedule';
import { MessageTemplates } from '../messages/message-templates';
import { Outbox } from '../outbox/outbox';

/** The token the notice settings (locale, zone, organizer from the configuration) are injected by. */
export const NOTICE_SETTINGS = Symbol('NOTICE_SETTINGS');

/** An event the Kafka message named that the candidate stream does not hold (yet, or ever). */
export class EventNotInStreamError extends Error {
  constructor(eventId: string, streamName: string) {
    super(`event ${eventId} is not in ${streamName}`);
    this.name = 'EventNotInStreamError';
  }
}

/**
 * Turns hiring events and reminders into recorded messages. The Kafka message
 * only says which event of which candidate to tell: the event itself and the
 * candidate's facts are read from the candidate stream (folded up to and
 * including that event), and the message is recorded in the outbox once per
 * event and kind.
 */
@Injectable()
export class CandidateNotifier {
  constructor(
    private readonly store: EventStore,
    private readonly outbox: Outbox,
    private readonly templates: MessageTemplates,
    private readonly clock: Clock,
    @Inject(NOTICE_SETTINGS) private readonly settings: NoticeSettings,
  ) {}

  /** Records the message the event tells the candidate, if any; true when one was recorded now. */
  async tell(event: IncomingEvent): Promise<boolean> {
    if (!NOTICE_EVENT_TYPES.has(event.type)) return false;
    const streamName = candidateStreamName(event.subject);
    const { profile, record } = await this.foldUpTo(streamName, event.id);
    if (record === undefined) throw new EventNotInStreamError(event.id, streamName);
    if (profile === null) return false;
    const notice = noticeFor(record, profile, this.settings);
    return notice === null ? false : this.record(notice, event.id, `${event.id}:${notice.kind}`);
  }

  /** Records the reminder of an offer still waiting for an answer; once per timer and due time. */
  async remind(reminder: OfferReminder, timerKey: string, now: string): Promise<boolean> {
    const { profile } = await this.foldUpTo(candidateStreamName(reminder.candidateId), undefined);
    if (profile === null) return false;
    const notice = offerReminderFor(profile, this.settings, { ...reminder, firedAt: now });
    return notice === null ? false : this.record(notice, timerKey, `${timerKey}:${notice.kind}`);
  }

  private record(notice: CandidateNotice, cause: string, deliveryKey: string): Promise<boolean> {
    return this.outbox.record(
      {
        deliveryKey,
        candidateId: notice.candidateId,
        kind: notice.kind,
        cause,
        recipient: notice.recipient,
        message: this.templates.render(notice),
      },
      this.clock.instant(),
    );
  }

  /** The profile folded up to and including `eventId` (the whole stream without one), and that event. */
  private async foldUpTo(
    streamName: string,
    eventId: string | undefined,
  ): Promise<{ profile: CandidateProfile | null; record: HiringRecord | undefined }> {
    const { events } = await this.store.readStream<HiringEvent>(streamName, {
      types: PROFILE_EVENT_TYPES,
    });
    let profile: CandidateProfile | null = null;
    for (const { event, metadata } of events) {
      const record = { event, metadata };
      profile = evolveCandidateProfile(profile, record);
      if (metadata.eventId === eventId) return { profile, record };
    }
    return { profile, record: undefined };
  }
}
