import { EventStoreDBClient } from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import { JsonLogger } from '@hirestream/platform';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type Type,
} from '@nestjs/common';
import { EventSerializer } from '../store/event-serializer';
import type { RecordedEvent } from '../store/recorded-event';
import { CatchUpSubscription } from '../subscriptions/catch-up-subscription';
import { SubscriptionHealth } from '../subscriptions/subscription-health';
import { OwnWrites } from '../command/own-writes';
import { filterOf, selects, type ProjectionSelection } from './projection-selection';

/** How long a read waits for the caller's own writes to reach the projection. */
export const OWN_WRITES_TIMEOUT_MS = 2_000;

/** What a projection host needs to know: the projection, and which events it folds how. */
export type InMemoryProjectionDefinition<P, E extends Event> = Readonly<{
  name: string;
  select: ProjectionSelection;
  create: () => P;
  apply: (projection: P, recorded: RecordedEvent<E>) => void;
}>;

/** An injectable holding an in-memory projection that its subscription keeps up to date. */
export interface InMemoryProjectionHost<P>
  extends OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly projection: P;
  /** Whether the projection has caught up with the store since the service started. */
  readonly isCaughtUp: boolean;
  /**
   * Resolves once the projection has seen this process's own writes to the
   * stream (or to any stream it reads), so a caller reads what it just wrote;
   * after `OWN_WRITES_TIMEOUT_MS` it resolves anyway.
   */
  afterOwnWrites(streamName?: string): Promise<void>;
}

/**
 * The base class of a service's in-memory projection: extend it as an
 * `@Injectable()` provider. It is rebuilt from the start at every start, reports
 * ready (check `name`) once caught up, starts at bootstrap and stops at shutdown.
 */
export function InMemoryProjectionHost<P, E extends Event>(
  definition: InMemoryProjectionDefinition<P, E>,
): Type<InMemoryProjectionHost<P>> {
  @Injectable()
  class Host implements InMemoryProjectionHost<P> {
    readonly projection = definition.create();
    private readonly subscription: CatchUpSubscription;
    private position = -1n;
    private readonly waiters = new Set<{ position: bigint; resolve: () => void }>();

    constructor(
      @Inject(EventStoreDBClient) client: EventStoreDBClient,
      serializer: EventSerializer,
      private readonly ownWrites: OwnWrites,
      logger: JsonLogger,
      health: SubscriptionHealth,
    ) {
      this.subscription = new CatchUpSubscription({
        name: definition.name,
        client,
        filter: filterOf(definition.select),
        handle: async (events) => {
          for (const resolved of events) {
            const recorded = serializer.fromResolved<E>(resolved);
            definition.apply(this.projection, recorded);
            if (recorded.position !== undefined) this.advanceTo(recorded.position);
          }
        },
        logger: {
          warn: (message, details) =>
            logger.pino.warn({ context: definition.name, ...details }, message),
          error: (message, details) =>
            logger.pino.error({ context: definition.name, ...details }, message),
        },
        onStall: health.onStall,
      });
      health.watch(definition.name, () => this.subscription, true);
    }

    get isCaughtUp(): boolean {
      return this.subscription.isCaughtUp;
    }

    afterOwnWrites(streamName?: string): Promise<void> {
      const awaited = this.ownWrites.latestPosition(
        (write) => selects(definition.select, write),
        streamName,
      );
      if (awaited === undefined || awaited <= this.position) return Promise.resolve();
      return new Promise((resolve) => {
        const waiter = { position: awaited, resolve: () => finish() };
        const timer = setTimeout(() => finish(), OWN_WRITES_TIMEOUT_MS);
        const finish = () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        };
        this.waiters.add(waiter);
      });
    }

    onApplicationBootstrap(): void {
      this.subscription.start();
    }

    async beforeApplicationShutdown(): Promise<void> {
      await this.subscription.stop();
      for (const waiter of [...this.waiters]) waiter.resolve();
    }

    private advanceTo(position: bigint): void {
      this.position = position;
      for (const waiter of [...this.waiters]) {
        if (waiter.position <= position) waiter.resolve();
      }
    }
  }
  return Host;
}
