import { EventStoreDBClient, eventTypeFilter, streamNameFilter } from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import { JsonLogger, ReadinessRegistry } from '@hirestream/platform';
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

/** Which events of `$all` feed a projection: these types, or every event of streams with these prefixes. */
export type ProjectionSelection =
  Readonly<{ eventTypes: readonly string[] }> | Readonly<{ streamPrefixes: readonly string[] }>;

export type InMemoryProjectionFeedOptions<E extends Event> = Readonly<{
  name: string;
  select: ProjectionSelection;
  apply: (recorded: RecordedEvent<E>) => void;
  client: EventStoreDBClient;
  serializer: EventSerializer;
  logger: JsonLogger;
  readiness: ReadinessRegistry;
}>;

/**
 * Feeds an in-memory projection from `$all`, filtered server-side by `select`. It has
 * no checkpoint on purpose: the projection lives in memory, so every start
 * rebuilds it from the beginning, and the service reports ready (check `name`)
 * only once it has caught up. `InMemoryProjectionHost` starts and stops it.
 */
export function inMemoryProjectionFeed<E extends Event>(
  options: InMemoryProjectionFeedOptions<E>,
): CatchUpSubscription {
  const { name, serializer, logger } = options;
  const subscription = new CatchUpSubscription({
    name,
    client: options.client,
    filter:
      'eventTypes' in options.select
        ? eventTypeFilter({ regex: `^(${options.select.eventTypes.join('|')})$` })
        : streamNameFilter({ prefixes: [...options.select.streamPrefixes] }),
    handle: async (events) => {
      for (const resolved of events) options.apply(serializer.fromResolved<E>(resolved));
    },
    logger: {
      warn: (message, details) => logger.pino.warn({ context: name, ...details }, message),
    },
  });
  options.readiness.register({
    name,
    check: async () => {
      if (!subscription.isCaughtUp) throw new Error(`${name} is still catching up`);
    },
  });
  return subscription;
}

/** What a projection host needs to know: the projection, and which events it folds how. */
export type InMemoryProjectionDefinition<P, E extends Event> = Readonly<{
  name: string;
  select: ProjectionSelection;
  create: () => P;
  apply: (projection: P, recorded: RecordedEvent<E>) => void;
}>;

/** An injectable holding an in-memory projection that its feed keeps up to date. */
export interface InMemoryProjectionHost<P>
  extends OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly projection: P;
  /** Whether the projection has caught up with the store since the service started. */
  readonly isCaughtUp: boolean;
}

/**
 * The base class of a service's in-memory projection: extend it as an
 * `@Injectable()` provider; the feed starts at bootstrap and stops at shutdown.
 */
export function InMemoryProjectionHost<P, E extends Event>(
  definition: InMemoryProjectionDefinition<P, E>,
): Type<InMemoryProjectionHost<P>> {
  @Injectable()
  class Host implements InMemoryProjectionHost<P> {
    readonly projection = definition.create();
    private readonly feed: CatchUpSubscription;

    constructor(
      @Inject(EventStoreDBClient) client: EventStoreDBClient,
      serializer: EventSerializer,
      logger: JsonLogger,
      readiness: ReadinessRegistry,
    ) {
      this.feed = inMemoryProjectionFeed<E>({
        name: definition.name,
        select: definition.select,
        apply: (recorded) => definition.apply(this.projection, recorded),
        client,
        serializer,
        logger,
        readiness,
      });
    }

    get isCaughtUp(): boolean {
      return this.feed.isCaughtUp;
    }

    onApplicationBootstrap(): void {
      this.feed.start();
    }

    async beforeApplicationShutdown(): Promise<void> {
      await this.feed.stop();
    }
  }
  return Host;
}
