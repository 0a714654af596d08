import type { CommandContext, DueTimer } from '@hirestream/event-sourcing';
import { Clock, JsonLogger } from '@hirestream/platform';
import { DueTimersHost, ReadModelDatabase, TimerFiring } from '@hirestream/read-models';
import { Inject, Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { OFFERS_ACTOR } from '../offers-actor';
import { OFFERS, type OfferGateway } from '../offers/offer-gateway';
import { commandForTimer, offerExpirySchedule } from './offer-expiry.schedule';

/** The extended offers' expiry instants, in PostgreSQL. */
@Injectable()
export class OfferExpiryTimers extends DueTimersHost(offerExpirySchedule) {}

/**
 * Expires offers at their expiry instant, once, across restarts: one replica
 * fires at a time, and the command is decided on the stream as it is, so an
 * offer answered first (or a second firing) expires nothing.
 */
@Injectable()
export class OfferExpiryFiring extends TimerFiring {
  constructor(
    timers: OfferExpiryTimers,
    db: ReadModelDatabase,
    clock: Clock,
    logger: JsonLogger,
    registry: Registry,
    @Inject(OFFERS) private readonly offers: OfferGateway,
  ) {
    super({ timers, db, clock, logger, registry, actor: OFFERS_ACTOR });
  }

  protected async fire(timer: DueTimer, context: CommandContext, now: string): Promise<void> {
    const command = commandForTimer(timer, now);
    if (command !== undefined) await this.offers.handle(command, context);
  }
}
