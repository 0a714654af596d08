import { END, EventStoreDBClient } from '@eventstore/db-client';
import type { EventCatalog } from '@hirestream/contracts';
import { PersonalDataVault } from '@hirestream/personal-data';
import {
  IDEMPOTENCY_STORE,
  PlatformConfig,
  ProblemMapper,
  ReadinessRegistry,
} from '@hirestream/platform';
import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { COMMAND_PROBLEM_MAPPINGS } from '../command/command-problems';
import { StreamActivity } from '../command/stream-activity';
import { EventStoreIdempotencyStore } from '../idempotency/event-store-idempotency.store';
import { OwnWrites } from '../command/own-writes';
import { RegisteredAggregates } from '../state-at-point/registered-aggregates';
import { EventSerializer } from '../store/event-serializer';
import { EventStore } from '../store/event-store';
import { SubscriptionHealth } from '../subscriptions/subscription-health';
import { StateAtPointController } from './state-at-point.controller';

/** The service's event catalog, as `EventStoreModule.forRoot` was given it. */
export const EVENT_CATALOG = Symbol('EVENT_CATALOG');

/**
 * Registers the EventStoreDB readiness check, the command problem mappings and
 * the stream-call metrics, and closes the client after everything else stopped.
 */
@Injectable()
class EventStoreConnection implements OnApplicationShutdown {
  constructor(
    @Inject(EventStoreDBClient) private readonly client: EventStoreDBClient,
    readiness: ReadinessRegistry,
    problems: ProblemMapper,
    activity: StreamActivity,
    registry: Registry,
  ) {
    readiness.register({
      name: 'eventstore',
      check: async () => {
        for await (const _ of client.readAll({
          direction: 'backwards',
          fromPosition: END,
          maxCount: 1,
        })) {
          // Read to its end (one event at most): a read left with `break` keeps its gRPC call
          // open, and EventStoreDBClient.dispose() then waits for it forever at shutdown.
        }
      },
    });
    problems.add(COMMAND_PROBLEM_MAPPINGS);
    const calls = new Counter({
      name: 'hirestream_stream_calls_total',
      help: 'Store calls of the command gateways: stream reads, decisions, appends, conflicts',
      labelNames: ['aggregate', 'kind'],
      registers: [registry],
    });
    activity.subscribe(({ aggregate, kind }) => calls.inc({ aggregate, kind }));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.dispose();
  }
}

/**
 * EventStoreDB for a service: the client (from EVENTSTORE_CONNECTION_STRING),
 * the typed `EventStore` reading and writing the given catalog's events (their
 * personal values sealed by the `PersonalDataVault`, which `ReadModelModule`
 * provides; without one, as they are), the
 * Idempotency-Key store, what command gateways share (`StreamActivity`,
 * `OwnWrites`, `RegisteredAggregates`), the readiness check and, unless
 * `stateAtPoint` is false, the auditors' route folding a stream at a point with
 * the aggregates the service's gateways registered.
 */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(
    options: Readonly<{ catalog: EventCatalog; stateAtPoint?: boolean }>,
  ): DynamicModule {
    return {
      module: EventStoreModule,
      controllers: options.stateAtPoint === false ? [] : [StateAtPointController],
      providers: [
        { provide: EVENT_CATALOG, useValue: options.catalog },
        {
          provide: EventStoreDBClient,
          useFactory: (config: PlatformConfig) =>
            EventStoreDBClient.connectionString`${config.EVENTSTORE_CONNECTION_STRING}`,
          inject: [PlatformConfig],
        },
        {
          provide: EventSerializer,
          useFactory: (vault: PersonalDataVault | undefined) =>
            new EventSerializer(options.catalog, vault),
          inject: [{ token: PersonalDataVault, optional: true }],
        },
        {
          provide: EventStore,
          useFactory: (client: EventStoreDBClient, serializer: EventSerializer) =>
            new EventStore(client, serializer),
          inject: [EventStoreDBClient, EventSerializer],
        },
        {
          provide: IDEMPOTENCY_STORE,
          useFactory: (
            client: EventStoreDBClient,
            config: PlatformConfig,
            serializer: EventSerializer,
          ) =>
            new EventStoreIdempotencyStore(
              client,
              config.IDEMPOTENCY_TTL_HOURS * 3_600_000,
              serializer.vault,
            ),
          inject: [EventStoreDBClient, PlatformConfig, EventSerializer],
        },
        StreamActivity,
        OwnWrites,
        RegisteredAggregates,
        SubscriptionHealth,
        EventStoreConnection,
      ],
      exports: [
        EVENT_CATALOG,
        EventStoreDBClient,
        EventSerializer,
        EventStore,
        IDEMPOTENCY_STORE,
        StreamActivity,
        OwnWrites,
        RegisteredAggregates,
        SubscriptionHealth,
      ],
    };
  }
}
