import { eventTypeFilter, streamNameFilter, type EventStoreDBClient } from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import type { JsonLogger, ReadinessRegistry } from '@hirestream/platform';
import type { EventSerializer } from '../store/event-serializer';
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
 * only once it has caught up. Start it at bootstrap, stop it at shutdown.
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
