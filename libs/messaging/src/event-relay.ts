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
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { toCloudEventMessage } from './cloud-event-headers';

export type EventRelayOptions = Readonly<{
  service: string;
  eventStore: EventStoreDBClient;
  /** Reads the stored events; its catalog names the types the service owns. */
  serializer: EventSerializer;
  kafka: Kafka;
  /** Partitions of the service's topic when the relay has to create it. */
  topicPartitions?: number;
  logger?: SubscriptionLogger;
  /** Told when an event keeps failing to publish (the relay never skips it). */
  onStall?: (stall: SubscriptionStall) => void;
}>;

/**
 * Publishes a service's own events from EventStoreDB to its Kafka topic: a
 * catch-up subscription filtered to the event types the service owns, with a
 * durable checkpoint moved only after Kafka acknowledged (acks=all). Never a
 * dual write; delivery is at least once, so consumers de-duplicate by event id.
 */
export class EventRelay {
  private readonly topic: string;
  private readonly producer: Producer;
  private readonly subscription: CatchUpSubscription;
  private running = false;
  private stopping = false;
  private starting: Promise<void> | undefined;

  constructor(private readonly options: EventRelayOptions) {
    this.topic = serviceEventsTopic(options.service);
    // Kafka's default (murmur2) partitioner, so keys land where Java clients put them.
    this.producer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const ownedTypes = options.serializer.catalog.typesOwnedBy(options.service);
    if (ownedTypes.length === 0) throw new Error(`service ${options.service} owns no event types`);
    this.subscription = new CatchUpSubscription({
      name: `${options.service}-relay`,
      client: options.eventStore,
      filter: eventTypeFilter({ regex: `^(${ownedTypes.join('|')})$` }),
      checkpoints: new CheckpointStore(options.eventStore, `${options.service}-relay`),
      handle: (events) => this.publish(events),
      logger: options.logger,
      onStall: options.onStall,
    });
  }

  /** Set while an event keeps failing to publish. */
  get stall(): SubscriptionStall | undefined {
    return this.subscription.stall;
  }

  /** True once connected to Kafka and subscribed. */
  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Connects (retrying with backoff while Kafka is unreachable) and starts
   * relaying; resolves once relaying has started or `stop` was called.
   */
  start(): Promise<void> {
    this.starting ??= this.connectAndSubscribe();
    return this.starting;
  }

  /** Publishes the batch in hand, stores its checkpoint, then disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.starting;
    if (!this.running) return;
    this.running = false;
    await this.subscription.stop();
    await this.producer.disconnect();
  }

  private async connectAndSubscribe(): Promise<void> {
    for (let backoff = 200; !this.stopping; backoff = Math.min(backoff * 2, 5_000)) {
      try {
        await this.ensureTopic();
        await this.producer.connect();
        this.running = true;
        this.subscription.start();
        return;
      } catch (error) {
        this.options.logger?.warn('relay cannot reach Kafka yet; retrying', {
          error: error instanceof Error ? error.message : String(error),
          backoffMs: backoff,
        });
        await sleep(backoff);
      }
    }
  }

  private async publish(events: readonly AllStreamResolvedEvent[]): Promise<void> {
    // Messages are keyed by candidate id, so only candidate-stream events leave
    // the service; others (an interviewer's calendar) are its own bookkeeping.
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
