import type { Command, Event } from '@hirestream/contracts';
import type { InjectionToken, Provider } from '@nestjs/common';
import type { Aggregate } from '../command/aggregate';
import { CommandGateway } from '../command/command-gateway';
import { StreamActivity } from '../command/stream-activity';
import { OwnWrites } from '../command/own-writes';
import { RegisteredAggregates } from '../state-at-point/registered-aggregates';
import { EventStore } from '../store/event-store';

/**
 * Provides the aggregate's `CommandGateway` under `token` (needs `EventStoreModule`),
 * and registers the aggregate for the state-at-a-point route.
 */
export function provideCommandGateway<State, C extends Command, E extends Event>(
  token: InjectionToken,
  aggregate: Aggregate<State, C, E>,
): Provider {
  return {
    provide: token,
    useFactory: (
      store: EventStore,
      activity: StreamActivity,
      ownWrites: OwnWrites,
      registered: RegisteredAggregates,
    ) => {
      registered.add(aggregate as unknown as Aggregate<unknown, Command, Event>);
      return new CommandGateway(store, aggregate, { activity, ownWrites });
    },
    inject: [EventStore, StreamActivity, OwnWrites, RegisteredAggregates],
  };
}
