import { ReadinessRegistry } from '@hirestream/platform';
import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import type { SubscriptionStall } from './catch-up-subscription';

/** What a watched subscription shows of itself. */
export type WatchedSubscription = Readonly<{
  isCaughtUp: boolean;
  stall: SubscriptionStall | undefined;
}>;

/**
 * Tells someone when a subscription (a relay, a projection) is stuck: its
 * readiness check names the subscription, the event and why; a metric counts
 * the stalls. One per service (`EventStoreModule` provides it).
 */
@Injectable()
export class SubscriptionHealth {
  private readonly stalls: Counter;

  constructor(
    private readonly readiness: ReadinessRegistry,
    registry: Registry,
  ) {
    this.stalls = new Counter({
      name: 'hirestream_subscription_stalls_total',
      help: 'Times a subscription stalled on an event that kept failing',
      labelNames: ['subscription'],
      registers: [registry],
    });
  }

  /** The `onStall` to give a subscription: counts the stall. */
  readonly onStall = (stall: SubscriptionStall): void => {
    this.stalls.inc({ subscription: stall.subscription });
  };

  /**
   * Registers the readiness check `name`: failing while the subscription is
   * stalled, and, when `mustCatchUp`, until it has caught up since the start.
   */
  watch(name: string, subscription: () => WatchedSubscription, mustCatchUp: boolean): void {
    this.readiness.register({
      name,
      check: async () => {
        const { isCaughtUp, stall } = subscription();
        if (stall !== undefined) {
          throw new Error(
            `stalled since ${stall.since} on ${stall.eventType} ${stall.streamName}@${stall.revision} ` +
              `(${stall.attempts} attempts): ${stall.reason}`,
          );
        }
        if (mustCatchUp && !isCaughtUp) throw new Error(`${name} is still catching up`);
      },
    });
  }
}
