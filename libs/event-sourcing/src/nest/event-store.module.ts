import { END, EventStoreDBClient } from '@eventstore/db-client';
import { hirestreamEventCatalog } from '@hirestream/contracts';
import { IDEMPOTENCY_STORE, PlatformConfig, ReadinessRegistry } from '@hirestream/platform';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EventStoreIdempotencyStore } from '../idempotency/event-store-idempotency.store';
import { EventSerializer } from '../store/event-serializer';
import { EventStore } from '../store/event-store';

/** Registers the EventStoreDB readiness check and closes the client after everything else stopped. */
@Injectable()
class EventStoreConnection implements OnApplicationShutdown {
  constructor(
    @Inject(EventStoreDBClient) private readonly client: EventStoreDBClient,
    readiness: ReadinessRegistry,
  ) {
    readiness.register({
      name: 'eventstore',
      check: async () => {
        for await (const _ of client.readAll({
          direction: 'backwards',
          fromPosition: END,
          maxCount: 1,
        }))
          break;
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.dispose();
  }
}

/**
 * EventStoreDB for a service: the client (from EVENTSTORE_CONNECTION_STRING),
 * the typed `EventStore`, the Idempotency-Key store and the readiness check.
 */
@Global()
@Module({
  providers: [
    {
      provide: EventStoreDBClient,
      useFactory: (config: PlatformConfig) =>
        EventStoreDBClient.connectionString`${config.EVENTSTORE_CONNECTION_STRING}`,
      inject: [PlatformConfig],
    },
    { provide: EventSerializer, useValue: new EventSerializer(hirestreamEventCatalog) },
    {
      provide: EventStore,
      useFactory: (client: EventStoreDBClient, serializer: EventSerializer) =>
        new EventStore(client, serializer),
      inject: [EventStoreDBClient, EventSerializer],
    },
    {
      provide: IDEMPOTENCY_STORE,
      useFactory: (client: EventStoreDBClient) => new EventStoreIdempotencyStore(client),
      inject: [EventStoreDBClient],
    },
    EventStoreConnection,
  ],
  exports: [EventStoreDBClient, EventSerializer, EventStore, IDEMPOTENCY_STORE],
})
export class EventStoreModule {}
