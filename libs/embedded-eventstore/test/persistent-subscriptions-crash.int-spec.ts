import {
  PARK,
  persistentSubscriptionToStreamSettingsFromDefaults,
  START,
  type PersistentSubscriptionToStreamResolvedEvent,
} from '@eventstore/db-client';
import { eventually, testEvent, uniqueStream } from './event-store-client-helpers';
import { eventStoreProcesses } from './event-store-processes';

const EVENTS = 30;
const GROUP = 'crash-group';

const numberOf = (event: PersistentSubscriptionToStreamResolvedEvent): number =>
  (event.event?.data as { n: number }).n;

describe('embedded event store: persistent subscriptions survive SIGKILL', () => {
  const { start } = eventStoreProcesses('eventstore-persistent-crash');

  it('keeps the group, its checkpoint and its parked messages, and loses nothing', async () => {
    const stream = uniqueStream('crash-ps');
    const { process: first, client } = await start();
    await client.appendToStream(
      stream,
      Array.from({ length: EVENTS }, (_, n) => testEvent('Numbered', { n })),
    );
    await client.createPersistentSubscriptionToStream(
      stream,
      GROUP,
      persistentSubscriptionToStreamSettingsFromDefaults({
        startFrom: START,
        maxRetryCount: 4,
        checkPointLowerBound: 1,
        checkPointUpperBound: 1,
      }),
    );
    // Ack 0..9, park 10 and 11, and hold 12.. unacked when the server dies.
    const handled = new Set<number>();
    const subscription = client.subscribeToPersistentSubscriptionToStream(stream, GROUP);
    subscription.on('error', () => undefined);
    subscription.on('data', (event: PersistentSubscriptionToStreamResolvedEvent) => {
      const n = numberOf(event);
      if (n < 10) void subscription.ack(event).then(() => handled.add(n));
      else if (n < 12) void subscription.nack(PARK, 'poison', event).then(() => handled.add(n));
    });
    await eventually(async () => {
      const info = await client.getPersistentSubscriptionToStreamInfo(stream, GROUP);
      return (
        info.stats.parkedMessageCount === 2n && info.stats.lastCheckpointedEventRevision === 11n
      );
    }, 'two parked and a checkpoint after them');
    await first.stop('SIGKILL');
    await client.dispose().catch(() => undefined);

    const { process: second, client: after } = await start();
    try {
      const info = await after.getPersistentSubscriptionToStreamInfo(stream, GROUP);
      expect(info.settings.maxRetryCount).toBe(4);
      expect(info.settings.checkPointUpperBound).toBe(1);
      expect(info.stats.lastCheckpointedEventRevision).toBe(11n);
      expect(info.stats.parkedMessageCount).toBe(2n);

      const received: number[] = [];
      const resumed = after.subscribeToPersistentSubscriptionToStream(stream, GROUP);
      resumed.on('error', () => undefined);
      resumed.on('data', (event: PersistentSubscriptionToStreamResolvedEvent) => {
        received.push(numberOf(event));
        void resumed.ack(event);
      });
      await eventually(() => received.length >= EVENTS - 12, 'the unacked events again');
      await after.replayParkedMessagesToStream(stream, GROUP);
      await eventually(() => received.length >= EVENTS - 10, 'the parked events');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Nothing acked before the checkpoint comes back; everything after it and both parked do.
      expect(received.slice(0, EVENTS - 12)).toEqual(
        Array.from({ length: EVENTS - 12 }, (_, i) => i + 12),
      );
      expect(received.slice(EVENTS - 12).sort((a, b) => a - b)).toEqual([10, 11]);
      expect(received).toHaveLength(EVENTS - 10);
      await resumed.unsubscribe();
    } finally {
      await after.dispose();
      await second.stop('SIGTERM');
    }
  });
});
