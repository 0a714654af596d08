import {
  eventTypeFilter,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { candidateIdOfStream, serviceEventsTopic } from '@hirestream/contracts';
import {
  CatchUpSubscription,
  CheckpointStore,
  type EventSerializer,
  type SubscriptionLogger,
  type SubscriptionStall,
} from '@hirestream/event-sourcing';
import type { ActiveLease, SingleActive } from '@hirestream/platform';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { toCloudEventMessage } from './cloud-event-headers';

export type EventRelayOptions = Readonly<{
  service: string;
  eventStore: EventStoreDBClient;
  /**
   * Reads the stored events as stored (`fromResolved`: personal values still
   * sealed); its catalog names the types the service owns.
   */
  serializer: EventSerializer;
  kafka: Kafka;
  /** Partitions of the service's topic when the relay has to create it. */
  topicPartitions?: number;
  logger?: SubscriptionLogger;
  /** Told when an event keeps failing to publish (the relay never skips it). */
  onStall?: (stall: SubscriptionStall) => void;
  /**
   * With several workers, only the lease holder relays and the others stand by
   * (without it, every relay of the service would publish every event).
   */
  singleActive?: SingleActive;
}>;

/** Where a relay stands: `standby` while another replica relays. */
export type RelayState = 'starting' | 'standby' | 'active' | 'stopped';

/** Held for the whole run by a relay that shares its service with no other. */
const SOLE_LEASE: ActiveLease = { lost: new Promise(() => undefined), release: () => undefined };

/**
 * Publishes a service's own events from EventStoreDB to its Kafka topic, their
 * personal values sealed as stored: a catch-up subscription filtered to the
 * event types the service owns, with a durable checkpoint moved only after
 * Kafka acknowledged (acks=all). Never a dual write; delivery is at least
 * once, so consumers de-duplicate by event id.
 * With `singleActive`, one replica relays at a time; another takes over from
 * the checkpoint when it stops, dies or loses its lease.
 */
export class EventRelay {
  private readonly topic: string;
  private readonly producer: Producer;
  private readonly ownedTypes: readonly string[];
  private subscription: CatchUpSubscription | undefined;
  private current: RelayState = 'starting';
  private readonly stopRequested = new AbortController();
  private running: Promise<void> | undefined;
  private markStarted: () => void = () => undefined;
  private markStopped: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.markStopped = resolve));
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  constructor(private readonly options: EventRelayOptions) {
    this.topic = serviceEventsTopic(options.service);
    // Kafka's default (murmur2) partitioner, so keys land where Java clients put them.
    this.producer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.ownedTypes = options.serializer.catalog.typesOwnedBy(options.service);
    if (this.ownedTypes.length === 0) {
      throw new Error(`service ${options.service} owns no event types`);
    }
  }

  private get stopping(): boolean {
    return this.stopRequested.signal.aborted;
  }

  /** Set while an event keeps failing to publish. */
  get stall(): SubscriptionStall | undefined {
    return this.subscription?.stall;
  }

  get state(): RelayState {
    return this.current;
  }

  /** True while connected to Kafka and subscribed. */
  get isRunning(): boolean {
    return this.current === 'active';
  }

  /**
   * Waits for its turn, connects (retrying with backoff while Kafka is
   * unreachable) and relays; resolves once relaying has started or `stop`
   * was called.
   */
  start(): Promise<void> {
    this.running ??= this.run();
    return this.started;
  }

  /** Publishes the batch in hand, stores its checkpoint, then disconnects. */
  async stop(): Promise<void> {
    this.stopRequested.abort();
    this.markStopped();
    await this.running;
    this.current = 'stopped';
    this.markStarted();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const lease = await this.awaitTurn();
      if (lease === undefined) break;
      try {
        await this.relayWhileHeld(lease);
      } finally {
        lease.release();
      }
    }
  }

  private awaitTurn(): Promise<ActiveLease | undefined> {
    const { singleActive, service } = this.options;
    if (singleActive === undefined) return Promise.resolve(this.stopping ? undefined : SOLE_LEASE);
    return singleActive.acquire(`${service}-relay`, this.stopRequested.signal, () => {
      this.current = 'standby';
    });
  }

  private async relayWhileHeld(lease: ActiveLease): Promise<void> {
    const subscription = await this.connectAndSubscribe();
    if (subscription === undefined) return;
    this.current = 'active';
    this.markStarted();
    const stopped = this.stopped.then(() => 'stopped' as const);
    if ((await Promise.race([lease.lost.then(() => 'lost' as const), stopped])) === 'lost') {
      this.options.logger?.warn('relay lost its lease; another replica takes over', {
        service: this.options.service,
      });
    }
    this.current = this.stopping ? 'stopped' : 'standby';
    await subscription.stop();
    await this.producer.disconnect();
  }

  private async connectAndSubscribe(): Promise<CatchUpSubscription | undefined> {
    for (let backoff = 200; !this.stopping; backoff = Math.min(backoff * 2, 5_000)) {
      try {
        await this.ensureTopic();
        await this.producer.connect();
        this.subscription = this.newSubscription();
        this.subscription.start();
        return this.subscription;
      } catch (error) {
        this.options.logger?.warn('relay cannot reach Kafka yet; retrying', {
          error: error instanceof Error ? error.message : String(error),
          backoffMs: backoff,
        });
        await sleep(backoff);
      }
    }
    return undefined;
  }

  /** A subscription per turn: it resumes from the checkpoint the last holder stored. */
  private newSubscription(): CatchUpSubscription {
    const { service, eventStore, logger, onStall } = this.options;
    return new CatchUpSubscription({
      name: `${service}-relay`,
      client: eventStore,
      filter: eventTypeFilter({ regex: `^(${this.ownedTypes.join('|')})$` }),
      checkpoints: new CheckpointStore(eventStore, `${service}-relay`),
      handle: (events) => this.publish(events),
      logger,
      onStall,
    });
  }

  private async publish(events: readonly AllStreamResolvedEvent[]): Promise<void> {
    // Messages are keyed by candidate id, so only candidate-stream events leave
    // the service; others (an interviewer's calendar) are its own bookkeeping.
    // The data goes out as stored, never opened: personal values stay sealed on
    // Kafka (the relay fetches no data key), and only a holder of the key reads them.
    const messages = events
      .map((resolved) => this.options.serializer.fromResolved(resolved))
      .filter((recorded) => candidateIdOfStream(recorded.streamName) !== undefined)
      .map((recorded) => {
        const contract = this.options.serializer.catalog.contractOf(recorded.event.type);
        if (contract === undefined) throw new Error(`no contract for ${recorded.event.type}`);
        return toCloudEventMessage(this.options.service, contract, recorded);
      });
    if (messages.length === 0) return;
    await this.producer.send({ topic: this.topic, acks: -1, messages });
  }

  /** Creates the topic only when it is missing, so a cluster that denies Create (ACLs) is fine once it exists. */
  private async ensureTopic(): Promise<void> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      if ((await admin.listTopics()).includes(this.topic)) return;
      await admin.createTopics({
        topics: [{ topic: this.topic, numPartitions: this.options.topicPartitions ?? 3 }],
        waitForLeaders: true,
      });
    } finally {
      await admin.disconnect();
    }
  }
}
