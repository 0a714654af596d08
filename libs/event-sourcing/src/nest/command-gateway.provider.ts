import type { Command, Event } from '@hirestream/contracts';
import type { InjectionToken, Provider } from '@nestjs/common';
import type { Aggregate } from '../command/aggregate';
import { CommandGateway } from '../command/command-gateway';
import { StreamActivity } from '../command/stream-activity';
import { OwnWrites } from '../command/own-writes';
import { EventStore } from '../store/event-store';

/** Provides the aggregate's `CommandGateway` under `token` (needs `EventStoreModule`). */
export function provideCommandGateway<State, C extends Command, E extends Event>(
  token: InjectionToken,
  aggregate: Aggregate<State, C, E>,
): Provider {
  return {
    provide: token,
    useFactory: (store: EventStore, activity: StreamActivity, ownWrites: OwnWrites) =>
      new CommandGateway(store, aggregate, { activity, ownWrites }),
    inject: [EventStore, StreamActivity, OwnWrites],
  };
}
