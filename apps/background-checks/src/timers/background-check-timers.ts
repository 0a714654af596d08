import { CommandRejectedError } from '@hirestream/contracts';
import type { CommandContext, DueTimer } from '@hirestream/event-sourcing';
import { Clock, JsonLogger } from '@hirestream/platform';
import { DueTimersHost, ReadModelDatabase, TimerFiring } from '@hirestream/read-models';
import { Inject, Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { BACKGROUND_CHECKS_ACTOR } from '../background-checks-actor';
import {
  backgroundCheckTimerSchedule,
  commandForTimer,
  orderToPlace,
} from '../domain/background-check.timers';
import { CheckOrders } from '../order-process/check-orders.handler';

/** The due-time read model of the service's timers (adverse-action windows, order placements). */
@Injectable()
export class BackgroundCheckTimers extends DueTimersHost(backgroundCheckTimerSchedule) {}

/**
 * Fires the windows' ends through the gateway (a stale timer, a window paused
 * or moved since, decides nothing, as does a second firing) and the orders'
 * placements through the order process (an order recorded already places nothing).
 */
@Injectable()
export class BackgroundCheckTimerFiring extends TimerFiring {
  constructor(
    timers: BackgroundCheckTimers,
    db: ReadModelDatabase,
    clock: Clock,
    logger: JsonLogger,
    registry: Registry,
    @Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway,
    private readonly orders: CheckOrders,
  ) {
    super({ timers, db, clock, logger, registry, actor: BACKGROUND_CHECKS_ACTOR });
  }

  protected async fire(timer: DueTimer, context: CommandContext, now: string): Promise<unknown> {
    const order = orderToPlace(timer);
    if (order !== undefined) return this.orders.place(order, context);
    const command = commandForTimer(timer, now);
    if (command === undefined) {
      throw new CommandRejectedError(
        'unknown-timer',
        `not a background-check timer: ${timer.kind}`,
      );
    }
    return this.checks.handle(command, context);
  }
}
