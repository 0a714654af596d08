import {
  DISPATCH_TO_SINGLE,
  END,
  EventStoreDBClient,
  PARK,
  PersistentSubscriptionDoesNotExistError,
  PersistentSubscriptionDroppedError,
  PersistentSubscriptionExistsError,
  PersistentSubscriptionMaximumSubscribersReachedError,
  persistentSubscriptionToAllSettingsFromDefaults,
  persistentSubscriptionToStreamSettingsFromDefaults,
  RETRY,
  ROUND_ROBIN,
  SKIP,
  START,
  streamNameFilter,
  type PersistentSubscriptionToAll,
  type PersistentSubscriptionToStream,
  type PersistentSubscriptionToStreamResolvedEvent,
  type PersistentSubscriptionToStreamSettings,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import {
  eventually,
  linkTo,
  rejectionOf,
  testEvent,
  uniqueStream,
} from './event-store-client-helpers';

type Subscription = PersistentSubscriptionToStream | PersistentSubscriptionToAll;

interface Consumer {
  readonly received: PersistentSubscriptionToStreamResolvedEvent[];
  readonly errors: unknown[];
}

/** Collects what a persistent subscription delivers; `handle` decides ack, nack or nothing. */
function consume(
  subscription: Subscription,
  handle: (event: PersistentSubscriptionToStreamResolvedEvent) => Promise<void> | void = (event) =>
    subscription.ack(event),
): Consumer {
  const consumer: Consumer = { received: [], errors: [] };
  subscription.on('data', (event: PersistentSubscriptionToStreamResolvedEvent) => {
    consumer.received.push(event);
    void Promise.resolve(handle(event)).catch((error: unknown) => consumer.errors.push(error));
  });
  subscription.on('error', (error: unknown) => consumer.errors.push(error));
  return consumer;
}

const numbers = (consumer: Consumer): number[] =>
  consumer.received.map((event) => (event.event?.data as { n: number }).n);

/**
 * Persistent subscriptions as applications use them, through `@eventstore/db-client`'s public
 * API only, so the same assertions hold for the embedded server and a real EventStoreDB.
 */
export function persistentSubscriptionsContract(connectionString: () => string): void {
  let client: EventStoreDBClient;
  const open: Subscription[] = [];

  beforeAll(() => {
    client = EventStoreDBClient.connectionString(connectionString());
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscription) => subscription.unsubscribe()));
  });
  afterAll(async () => {
    await client.dispose();
  });

  const subscribe = (
    stream: string,
    group: string,
    bufferSize?: number,
  ): PersistentSubscriptionToStream => {
    const subscription = client.subscribeToPersistentSubscriptionToStream(stream, group, {
      bufferSize,
    });
    open.push(subscription);
    return subscription;
  };
  const append = (stream: string, count: number, from = 0) =>
    client.appendToStream(
      stream,
      Array.from({ length: count }, (_, i) => testEvent('Numbered', { n: from + i })),
    );
  const group = (): string => `group-${randomUUID()}`;
  const createGroup = (
    stream: string,
    name: string,
    settings: Partial<PersistentSubscriptionToStreamSettings> = {},
  ) =>
    client.createPersistentSubscriptionToStream(
      stream,
      name,
      persistentSubscriptionToStreamSettingsFromDefaults(settings),
    );

  describe('groups', () => {
    it('creates, describes, lists, updates and deletes a group on a stream', async () => {
      const stream = uniqueStream('ps-crud');
      const name = group();
      await createGroup(stream, name, { startFrom: START, maxRetryCount: 3 });
      const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
      expect(info.eventSource).toBe(stream);
      expect(info.groupName).toBe(name);
      expect(info.settings.startFrom).toBe(START);
      expect(info.settings.maxRetryCount).toBe(3);
      expect(info.settings.consumerStrategyName).toBe(ROUND_ROBIN);
      expect(info.settings.historyBufferSize).toBe(500);
      expect(info.stats.parkedMessageCount).toBe(0n);
      expect(info.connections).toEqual([]);

      const forStream = await client.listPersistentSubscriptionsToStream(stream);
      expect(forStream.map((entry) => entry.groupName)).toEqual([name]);
      const all = await client.listAllPersistentSubscriptions();
      expect(all.some((entry) => entry.groupName === name && entry.eventSource === stream)).toBe(
        true,
      );

      await client.updatePersistentSubscriptionToStream(
        stream,
        name,
        persistentSubscriptionToStreamSettingsFromDefaults({
          startFrom: 2n,
          consumerStrategyName: DISPATCH_TO_SINGLE,
        }),
      );
      const updated = await client.getPersistentSubscriptionToStreamInfo(stream, name);
      expect(updated.settings.startFrom).toBe(2n);
      expect(updated.settings.consumerStrategyName).toBe(DISPATCH_TO_SINGLE);

      await client.deletePersistentSubscriptionToStream(stream, name);
      expect(
        await rejectionOf(client.getPersistentSubscriptionToStreamInfo(stream, name)),
      ).toBeInstanceOf(PersistentSubscriptionDoesNotExistError);
      expect(await client.listPersistentSubscriptionsToStream(stream)).toEqual([]);
    });

    it('refuses a second group of the same name and operations on a missing one', async () => {
      const stream = uniqueStream('ps-errors');
      const name = group();
      const settings = persistentSubscriptionToStreamSettingsFromDefaults();
      await client.createPersistentSubscriptionToStream(stream, name, settings);
      const exists = await rejectionOf(
        client.createPersistentSubscriptionToStream(stream, name, settings),
      );
      expect(exists).toBeInstanceOf(PersistentSubscriptionExistsError);
      expect((exists as PersistentSubscriptionExistsError).groupName).toBe(name);

      const missing = group();
      for (const operation of [
        client.deletePersistentSubscriptionToStream(stream, missing),
        client.updatePersistentSubscriptionToStream(stream, missing, settings),
        client.getPersistentSubscriptionToStreamInfo(stream, missing),
        client.replayParkedMessagesToStream(stream, missing),
        client.deletePersistentSubscriptionToAll(missing),
      ])
        expect(await rejectionOf(operation)).toBeInstanceOf(
          PersistentSubscriptionDoesNotExistError,
        );

      const subscription = subscribe(stream, missing);
      const consumer = consume(subscription);
      await eventually(() => consumer.errors.length > 0, 'subscribe to a missing group to fail');
      expect(consumer.errors[0]).toBeInstanceOf(PersistentSubscriptionDoesNotExistError);
    });

    it('describes a filtered group on $all', async () => {
      const name = group();
      await client.createPersistentSubscriptionToAll(
        name,
        persistentSubscriptionToAllSettingsFromDefaults({ startFrom: END }),
        { filter: streamNameFilter({ prefixes: ['ps-none-'] }) },
      );
      const info = await client.getPersistentSubscriptionToAllInfo(name);
      expect(info.eventSource).toBe('$all');
      expect(info.settings.startFrom).toBe(END);
      const listed = await client.listPersistentSubscriptionsToAll();
      expect(listed.map((entry) => entry.groupName)).toContain(name);
      await client.deletePersistentSubscriptionToAll(name);
    });
  });

  describe('delivery', () => {
    it('delivers a stream from the start, then live events, and checkpoints what was acked', async () => {
      const stream = uniqueStream('ps-deliver');
      const name = group();
      await append(stream, 5);
      await createGroup(stream, name, {
        startFrom: START,
        checkPointLowerBound: 1,
        checkPointUpperBound: 1,
        extraStatistics: true,
      });
      const consumer = consume(subscribe(stream, name));
      await eventually(() => consumer.received.length === 5, 'history');
      await append(stream, 3, 5);
      await eventually(() => consumer.received.length === 8, 'live events');
      expect(numbers(consumer)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(consumer.received.every((event) => event.retryCount === 0)).toBe(true);
      await eventually(async () => {
        const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
        return info.stats.lastCheckpointedEventRevision === 7n;
      }, 'checkpoint at the last acked revision');
      const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
      expect(info.stats.lastKnownEventRevision).toBe(7n);
      expect(info.connections).toHaveLength(1);
      expect(info.connections[0].totalItems).toBe(8n);
      // extraStatistics: delivery-to-ack times of the connection.
      expect(info.connections[0].extraStatistics?.get('quintile 3')).toBeDefined();
    });

    it('resolves links to their targets when the group asks, and delivers them raw otherwise', async () => {
      const target = uniqueStream('ps-link-target');
      const links = uniqueStream('ps-links');
      await append(target, 2);
      await client.appendToStream(links, [
        linkTo(1, target),
        linkTo(0, target),
        linkTo(0, uniqueStream('ps-none')),
      ]);
      const resolving = group();
      const raw = group();
      await client.createPersistentSubscriptionToStream(
        links,
        resolving,
        persistentSubscriptionToStreamSettingsFromDefaults({
          startFrom: START,
          resolveLinkTos: true,
        }),
      );
      await client.createPersistentSubscriptionToStream(
        links,
        raw,
        persistentSubscriptionToStreamSettingsFromDefaults({ startFrom: START }),
      );
      const resolved = consume(subscribe(links, resolving));
      const unresolved = consume(subscribe(links, raw));
      await eventually(
        () => resolved.received.length === 3 && unresolved.received.length === 3,
        'links',
      );
      expect(
        resolved.received.map((e) => [
          e.event?.streamId,
          (e.event?.data as { n: number } | undefined)?.n,
        ]),
      ).toEqual([
        [target, 1],
        [target, 0],
        [undefined, undefined],
      ]);
      expect(resolved.received.map((e) => [e.link?.streamId, e.link?.revision])).toEqual([
        [links, 0n],
        [links, 1n],
        [links, 2n],
      ]);
      expect(unresolved.received.map((e) => [e.event?.type, e.link])).toEqual([
        ['$>', undefined],
        ['$>', undefined],
        ['$>', undefined],
      ]);
      expect(resolved.errors).toEqual([]);
      expect(unresolved.errors).toEqual([]);
      expect(
        (await client.getPersistentSubscriptionToStreamInfo(links, resolving)).settings
          .resolveLinkTos,
      ).toBe(true);
    });

    it('starts from a revision, or after the events that exist when created from the end', async () => {
      const stream = uniqueStream('ps-start');
      await append(stream, 4);
      const fromTwo = group();
      const fromEnd = group();
      await client.createPersistentSubscriptionToStream(
        stream,
        fromTwo,
        persistentSubscriptionToStreamSettingsFromDefaults({ startFrom: 2n }),
      );
      await client.createPersistentSubscriptionToStream(
        stream,
        fromEnd,
        persistentSubscriptionToStreamSettingsFromDefaults({ startFrom: END }),
      );
      const second = consume(subscribe(stream, fromTwo));
      const live = consume(subscribe(stream, fromEnd));
      await eventually(() => second.received.length === 2, 'events from revision 2');
      await append(stream, 1, 4);
      await eventually(
        () => live.received.length === 1 && second.received.length === 3,
        'the new event',
      );
      expect(numbers(second)).toEqual([2, 3, 4]);
      expect(numbers(live)).toEqual([4]);
    });

    it('retries a nacked message with a higher retry count, skips and parks as asked', async () => {
      const stream = uniqueStream('ps-nack');
      const name = group();
      await append(stream, 3);
      await createGroup(stream, name, { startFrom: START });
      const subscription = subscribe(stream, name);
      const consumer = consume(subscription, async (event) => {
        const n = (event.event?.data as { n: number }).n;
        if (n === 0 && event.retryCount === 0) return subscription.nack(RETRY, 'again', event);
        if (n === 1) return subscription.nack(SKIP, 'not mine', event);
        if (n === 2) return subscription.nack(PARK, 'poison', event);
        return subscription.ack(event);
      });
      await eventually(() => consumer.received.length === 4, 'three events and one retry');
      const retried = consumer.received.filter(
        (event) => (event.event?.data as { n: number }).n === 0,
      );
      expect(retried.map((event) => event.retryCount)).toEqual([0, 1]);
      await eventually(async () => {
        const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
        return info.stats.parkedMessageCount === 1n;
      }, 'one parked message');
      // Nothing skipped or acked comes back.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(consumer.received).toHaveLength(4);
    });

    it('parks a message after max retries, and replays parked messages up to a stop point', async () => {
      const stream = uniqueStream('ps-park');
      const name = group();
      await append(stream, 4);
      await createGroup(stream, name, { startFrom: START, maxRetryCount: 1 });
      let replaying = false;
      const subscription = subscribe(stream, name);
      const consumer = consume(subscription, (event) =>
        replaying ? subscription.ack(event) : subscription.nack(RETRY, 'failing', event),
      );
      // Each event is delivered twice (retry count 0 and 1), then parked.
      await eventually(() => consumer.received.length === 8, 'every event tried twice');
      await eventually(async () => {
        const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
        return info.stats.parkedMessageCount === 4n;
      }, 'four parked messages');

      replaying = true;
      await client.replayParkedMessagesToStream(stream, name, { stopAt: 2 });
      await eventually(() => consumer.received.length === 10, 'two replayed messages');
      const replayed = consumer.received.slice(8);
      expect(replayed.map((event) => (event.event?.data as { n: number }).n)).toEqual([0, 1]);
      expect(replayed.every((event) => event.link !== undefined)).toBe(true);
      await eventually(async () => {
        const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
        return info.stats.parkedMessageCount === 2n;
      }, 'two still parked');

      await client.replayParkedMessagesToStream(stream, name);
      await eventually(() => consumer.received.length === 12, 'the rest replayed');
      expect(numbers(consumer).slice(10)).toEqual([2, 3]);
    });

    it('delivers an unacked message again after the message timeout', async () => {
      const stream = uniqueStream('ps-timeout');
      const name = group();
      await append(stream, 1);
      await createGroup(stream, name, {
        startFrom: START,
        messageTimeout: 1_000,
      });
      const subscription = subscribe(stream, name);
      const consumer = consume(subscription, (event) =>
        event.retryCount > 0 ? subscription.ack(event) : undefined,
      );
      await eventually(() => consumer.received.length === 2, 'the timed-out message again', 10_000);
      expect(consumer.received.map((event) => event.retryCount)).toEqual([0, 1]);
    });

    it('gives what one consumer held to another when it leaves', async () => {
      const stream = uniqueStream('ps-leave');
      const name = group();
      await append(stream, 3);
      await createGroup(stream, name, { startFrom: START });
      const first = subscribe(stream, name);
      const holder = consume(first, () => undefined);
      await eventually(() => holder.received.length === 3, 'the first consumer holds all');
      const second = consume(subscribe(stream, name));
      await first.unsubscribe();
      await eventually(() => second.received.length === 3, 'the second consumer gets them');
      expect(numbers(second)).toEqual([0, 1, 2]);
      expect(second.received.every((event) => event.retryCount === 1)).toBe(true);
    });
  });

  describe('consumers', () => {
    it('shares messages round robin and respects each consumer buffer size', async () => {
      const stream = uniqueStream('ps-rr');
      const name = group();
      await createGroup(stream, name, { startFrom: START });
      const a = consume(subscribe(stream, name, 2), () => undefined);
      const b = consume(subscribe(stream, name, 2), () => undefined);
      await eventually(async () => {
        const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
        return info.connections.length === 2;
      }, 'two connections');
      await append(stream, 6);
      await eventually(() => a.received.length === 2 && b.received.length === 2, 'two each');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Nothing was acked, so each holds as many as its buffer size allows.
      expect(a.received.length + b.received.length).toBe(4);
    });

    it('dispatches to a single consumer while it has room', async () => {
      const stream = uniqueStream('ps-single');
      const name = group();
      await createGroup(stream, name, {
        startFrom: START,
        consumerStrategyName: DISPATCH_TO_SINGLE,
      });
      const a = consume(subscribe(stream, name, 10));
      await eventually(async () => {
        const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
        return info.connections.length === 1;
      }, 'first connection');
      const b = consume(subscribe(stream, name, 10));
      await eventually(async () => {
        const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
        return info.connections.length === 2;
      }, 'second connection');
      await append(stream, 5);
      await eventually(() => a.received.length + b.received.length === 5, 'all five');
      expect([a.received.length, b.received.length].sort()).toEqual([0, 5]);
    });

    it('refuses a consumer beyond the max subscriber count', async () => {
      const stream = uniqueStream('ps-max');
      const name = group();
      await createGroup(stream, name, { maxSubscriberCount: 1 });
      const first = subscribe(stream, name);
      first.on('error', () => undefined);
      await eventually(async () => {
        const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
        return info.connections.length === 1;
      }, 'first connection');
      const second = consume(subscribe(stream, name));
      await eventually(() => second.errors.length > 0, 'the second to be refused');
      expect(second.errors[0]).toBeInstanceOf(PersistentSubscriptionMaximumSubscribersReachedError);
    });

    it('drops consumers when the subsystem restarts, and keeps the groups', async () => {
      const stream = uniqueStream('ps-restart');
      const name = group();
      await createGroup(stream, name);
      const consumer = consume(subscribe(stream, name));
      await eventually(async () => {
        const info = await client.getPersistentSubscriptionToStreamInfo(stream, name);
        return info.connections.length === 1;
      }, 'connection');
      await client.restartPersistentSubscriptionSubsystem();
      await eventually(() => consumer.errors.length > 0, 'the consumer to be dropped');
      expect(consumer.errors[0]).toBeInstanceOf(PersistentSubscriptionDroppedError);
      await eventually(async () => {
        try {
          return (
            (await client.getPersistentSubscriptionToStreamInfo(stream, name)).groupName === name
          );
        } catch {
          return false;
        }
      }, 'the group after the restart');
    });
  });

  describe('$all', () => {
    it('delivers only events the filter matches, from a position', async () => {
      const prefix = `${uniqueStream('psall')}-`;
      const before = await client.appendToStream(`${prefix}a`, testEvent('Numbered', { n: -1 }));
      const name = group();
      await client.createPersistentSubscriptionToAll(
        name,
        persistentSubscriptionToAllSettingsFromDefaults({ startFrom: START }),
        { filter: streamNameFilter({ prefixes: [prefix] }) },
      );
      await client.appendToStream(uniqueStream('other'), testEvent('Numbered', { n: 100 }));
      await append(`${prefix}b`, 2);
      const subscription = client.subscribeToPersistentSubscriptionToAll(name);
      open.push(subscription);
      const consumer = consume(subscription);
      await eventually(() => consumer.received.length === 3, 'the matching events');
      expect(numbers(consumer)).toEqual([-1, 0, 1]);
      expect(consumer.received.every((event) => event.event?.streamId.startsWith(prefix))).toBe(
        true,
      );
      const info = await client.getPersistentSubscriptionToAllInfo(name);
      expect(info.stats.lastKnownEventPosition?.commit).toBeGreaterThan(
        before.position?.commit ?? 0n,
      );

      const fromPosition = group();
      await client.createPersistentSubscriptionToAll(
        fromPosition,
        persistentSubscriptionToAllSettingsFromDefaults({ startFrom: before.position }),
        { filter: streamNameFilter({ prefixes: [prefix] }) },
      );
      const later = client.subscribeToPersistentSubscriptionToAll(fromPosition);
      open.push(later);
      const laterConsumer = consume(later);
      await eventually(() => laterConsumer.received.length === 3, 'from the position, inclusive');
      expect(numbers(laterConsumer)).toEqual([-1, 0, 1]);
    });
  });
}
