import type { CommandContext, DueTimer } from '@hirestream/event-sourcing';
import { Clock, JsonLogger } from '@hirestream/platform';
import { DueTimersHost, ReadModelDatabase, TimerFiring } from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { offerReminderOf, offerReminderSchedule } from '../domain/offer-reminder.schedule';
import { NOTIFICATIONS_ACTOR } from '../notifications-actor';
import { CandidateNotifier } from '../notices/candidate-notifier';

/** The extended offers' reminder times, in PostgreSQL. */
@Injectable()
export class OfferReminderTimers extends DueTimersHost(offerReminderSchedule) {}

/**
 * Fires a due reminder into the outbox: the reminder is recorded (once per
 * timer and due time) only if the candidate still has that version of the
 * offer waiting for an answer, read from their stream as it is now.
 */
@Injectable()
export class OfferReminderFiring extends TimerFiring {
  constructor(
    timers: OfferReminderTimers,
    db: ReadModelDatabase,
    clock: Clock,
    logger: JsonLogger,
    registry: Registry,
    private readonly notifier: CandidateNotifier,
  ) {
    super({ timers, db, clock, logger, registry, actor: NOTIFICATIONS_ACTOR });
  }

  protected async fire(timer: DueTimer, _context: CommandContext, now: string): Promise<void> {
    const reminder = offerReminderOf(timer);
    if (reminder !== undefined) {
      await this.notifier.remind(reminder, `${timer.timerId}@${timer.dueAt}`, now);
    }
  }
}
