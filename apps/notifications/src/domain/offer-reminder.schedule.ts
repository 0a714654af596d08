import {
  candidateStreamName,
  OFFER_ANSWERED_OR_ENDED,
  type OffersEvent,
} from '@hirestream/contracts';
import { timerSchedule, type DueTimer, type TimerChange } from '@hirestream/event-sourcing';

export const OFFER_REMINDER = 'offer-reminder';

/** How long before its expiry an offer is recalled to the candidate. */
export const REMINDER_BEFORE_EXPIRY_MS = 24 * 60 * 60_000;

const timerIdOf = (offerId: string) => `${OFFER_REMINDER}:${offerId}`;

/**
 * A day before expiry, or halfway through a shorter offer (so a candidate
 * given two days hears at the one-day mark, one given a day at twelve hours).
 */
export function reminderDueAt(extendedAt: string, expiresAt: string): string {
  const extended = Date.parse(extendedAt);
  const expires = Date.parse(expiresAt);
  return new Date(
    Math.max(expires - REMINDER_BEFORE_EXPIRY_MS, extended + (expires - extended) / 2),
  ).toISOString();
}

function changesOf(event: OffersEvent, occurredAt: string): TimerChange[] {
  if (event.type === 'OfferExtended') {
    const { candidateId, offerId, version, expiresAt } = event.data;
    return [
      {
        set: {
          timerId: timerIdOf(offerId),
          kind: OFFER_REMINDER,
          streamName: candidateStreamName(candidateId),
          dueAt: reminderDueAt(occurredAt, expiresAt),
          data: { candidateId, offerId, version, expiresAt },
        },
      },
    ];
  }
  return OFFER_ANSWERED_OR_ENDED.has(event.type) ? [{ clear: timerIdOf(event.data.offerId) }] : [];
}

/**
 * The reminder of an extended offer, set when it is extended (a new version
 * extended moves it) and cleared when the candidate answers or the offer
 * ends. Its firing records the reminder in the outbox only if that version is
 * still the one waiting for an answer.
 */
export const offerReminderSchedule = timerSchedule<OffersEvent>({
  name: 'offer-reminders',
  version: 1,
  select: { eventTypes: ['OfferExtended', ...OFFER_ANSWERED_OR_ENDED] },
  eventTypes: new Set(['OfferExtended', ...OFFER_ANSWERED_OR_ENDED]),
  changes: (recorded) => changesOf(recorded.event, recorded.metadata.occurredAt),
});

export type OfferReminder = Readonly<{
  candidateId: string;
  offerId: string;
  version: number;
  expiresAt: string;
}>;

/** The offer a due reminder is about; undefined for a timer of another kind or shape. */
export function offerReminderOf(timer: DueTimer): OfferReminder | undefined {
  const { candidateId, offerId, version, expiresAt } = timer.data;
  if (
    timer.kind !== OFFER_REMINDER ||
    typeof candidateId !== 'string' ||
    typeof offerId !== 'string' ||
    typeof version !== 'number' ||
    typeof expiresAt !== 'string'
  ) {
    return undefined;
  }
  return { candidateId, offerId, version, expiresAt };
}
