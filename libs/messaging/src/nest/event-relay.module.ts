import { EventSerializer, SubscriptionHealth } from '@hirestream/event-sourcing';
import { EventStoreDBClient } from '@eventstore/db-client';
import { JsonLogger, PlatformConfig, runsBackgroundWork, SingleActive } from '@hirestream/platform';
import {
  Inject,
  Injectable,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';
import { EventRelay } from '../event-relay';
import { SERVICE_NAME } from './kafka.module';

/**
 * Starts the service's relay with the app and, at shutdown, publishes what it
 * holds before Kafka closes. An API process (`ROLE=api`) neither runs it nor
 * checks it for readiness. With the read-model database's `SingleActive`,
 * one worker of the service relays and the others stand by.
 */
@Injectable()
export class EventRelayRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: EventRelay;
  private readonly runs: boolean;

  constructor(
    @Inject(SERVICE_NAME) service: string,
    @Inject(EventStoreDBClient) eventStore: EventStoreDBClient,
    serializer: EventSerializer,
    @Inject(Kafka) kafka: Kafka,
    logger: JsonLogger,
    health: SubscriptionHealth,
    config: PlatformConfig,
    registry: Registry,
    @Optional() singleActive?: SingleActive,
  ) {
    this.runs = runsBackgroundWork(config);
    this.relay = new EventRelay({
      service,
      eventStore,
      serializer,
      kafka,
      logger: {
        warn: (message, details) =>
          logger.pino.warn({ context: 'EventRelay', ...details }, message),
        error: (message, details) =>
          logger.pino.error({ context: 'EventRelay', ...details }, message),
      },
      onStall: health.onStall,
      singleActive,
    });
    const relay = this.relay;
    new Gauge({
      name: 'hirestream_relay_active',
      help: "Whether this process relays the service's events to Kafka now (1), or stands by or does not run it (0)",
      registers: [registry],
      collect() {
        this.set(relay.state === 'active' ? 1 : 0);
      },
    });
    // "Caught up" here means relaying (connected to Kafka and subscribed), or
    // standing by while another worker relays.
    if (!this.runs) return;
    health.watch(
      'relay',
      () => ({
        isCaughtUp: this.relay.state === 'active' || this.relay.state === 'standby',
        stall: this.relay.stall,
      }),
      true,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.runs) return;
    // Started in the background: a relay that cannot reach Kafka yet retries
    // with backoff instead of keeping the whole service from starting.
    void this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/** The relay of the service named by `KafkaModule.forService`. */
@Module({ providers: [EventRelayRunner], exports: [EventRelayRunner] })
export class EventRelayModule {}
