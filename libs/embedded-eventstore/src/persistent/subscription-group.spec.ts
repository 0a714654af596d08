import type { GroupConnection, GroupEvent, GroupIo, ReadBatch } from './group-io';
import type { GroupDefinition, GroupSettings } from './group-settings';
import { SubscriptionGroup } from './subscription-group';

const SETTINGS: GroupSettings = {
  resolveLinkTos: false,
  extraStatistics: false,
  startFrom: { kind: 'at', position: 0n },
  messageTimeoutMs: 30_000,
  maxRetryCount: 2,
  checkPointAfterMs: 0,
  minCheckPointCount: 1,
  maxCheckPointCount: 1,
  maxSubscriberCount: 0,
  liveBufferSize: 500,
  readBatchSize: 20,
  historyBufferSize: 500,
  consumerStrategy: 'RoundRobin',
};

/** A stream of `count` events at positions 0.. and a clock the test moves. */
function fakeIo(count: number) {
  const state = { count, now: 0, checkpoints: [] as bigint[], parked: [] as string[] };
  const io: GroupIo<null> = {
    read(from, max): ReadBatch<null> {
      const events: GroupEvent<null>[] = [];
      let position = from;
      while (position < BigInt(state.count) && events.length < max) {
        events.push({
          id: `e${position}`,
          position,
          streamName: 's',
          correlationId: undefined,
          ref: null,
        });
        position += 1n;
      }
      return {
        events,
        next: position,
        scanned: events.length,
        lastScanned: events.at(-1)?.position,
        end: position >= BigInt(state.count),
      };
    },
    endPosition: () => BigInt(state.count),
    writeCheckpoint: async (position) => {
      state.checkpoints.push(position);
    },
    park: async (event) => {
      state.parked.push(event.id);
    },
    now: () => state.now,
  };
  return { io, state };
}

function consumer(maxInFlight = 10) {
  const received: { id: string; retryCount: number }[] = [];
  const connection: GroupConnection<null> & { dropped: boolean } = {
    maxInFlight,
    connectionName: 'test',
    from: 'here',
    username: 'admin',
    dropped: false,
    deliver: (event, retryCount) => received.push({ id: event.id, retryCount }),
    drop: () => {
      connection.dropped = true;
    },
  };
  return { connection, received };
}

function group(settings: Partial<GroupSettings>, io: GroupIo<null>, checkpoint?: bigint) {
  const definition: GroupDefinition = {
    source: { kind: 'stream', streamName: 's' },
    groupName: 'g',
    settings: { ...SETTINGS, ...settings },
  };
  return new SubscriptionGroup(definition, io, checkpoint);
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SubscriptionGroup', () => {
  it('checkpoints below the lowest unacked message, never past it', async () => {
    const { io, state } = fakeIo(5);
    const g = group({}, io);
    const c = consumer();
    const member = g.join(c.connection);
    expect(c.received.map((m) => m.id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    member.ack(['e1', 'e2']);
    await settle();
    expect(state.checkpoints).toEqual([]);
    member.ack(['e0']);
    await settle();
    expect(state.checkpoints).toEqual([2n]);
    member.ack(['e4']);
    await settle();
    expect(state.checkpoints).toEqual([2n]);
  });

  it('resumes after a checkpoint', () => {
    const { io } = fakeIo(5);
    const g = group({}, io, 2n);
    const c = consumer();
    g.join(c.connection);
    expect(c.received.map((m) => m.id)).toEqual(['e3', 'e4']);
  });

  it('retries with a higher count, then parks after max retries', async () => {
    const { io, state } = fakeIo(1);
    const g = group({ maxRetryCount: 1 }, io);
    const c = consumer();
    const member = g.join(c.connection);
    member.nack('retry', ['e0'], '');
    member.nack('retry', ['e0'], '');
    await settle();
    expect(c.received).toEqual([
      { id: 'e0', retryCount: 0 },
      { id: 'e0', retryCount: 1 },
    ]);
    expect(state.parked).toEqual(['e0']);
  });

  it('retries a message whose timeout passed on the next tick', () => {
    const { io, state } = fakeIo(1);
    const g = group({ messageTimeoutMs: 1_000 }, io);
    const c = consumer();
    g.join(c.connection);
    state.now = 999;
    g.tick();
    expect(c.received).toHaveLength(1);
    state.now = 1_000;
    g.tick();
    expect(c.received).toEqual([
      { id: 'e0', retryCount: 0 },
      { id: 'e0', retryCount: 1 },
    ]);
  });

  it('keeps each consumer within its in-flight limit and hands a leaver’s messages on', () => {
    const { io } = fakeIo(4);
    const g = group({}, io);
    const a = consumer(1);
    const b = consumer(1);
    const memberA = g.join(a.connection);
    const memberB = g.join(b.connection);
    expect(a.received.map((m) => m.id)).toEqual(['e0']);
    expect(b.received.map((m) => m.id)).toEqual(['e1']);
    memberA.leave();
    expect(b.received).toHaveLength(1);
    memberB.ack(['e1']);
    expect(b.received[1]).toEqual({ id: 'e0', retryCount: 1 });
  });

  it('dispatches to one consumer until it is full', () => {
    const { io } = fakeIo(3);
    const g = group({ consumerStrategy: 'DispatchToSingle' }, io);
    const a = consumer(2);
    const b = consumer(5);
    g.join(a.connection);
    g.join(b.connection);
    expect(a.received.map((m) => m.id)).toEqual(['e0', 'e1']);
    expect(b.received.map((m) => m.id)).toEqual(['e2']);
  });

  it('pins a stream to one consumer', () => {
    const { io } = fakeIo(4);
    const g = group({ consumerStrategy: 'Pinned' }, io);
    const a = consumer();
    const b = consumer();
    g.join(a.connection);
    g.join(b.connection);
    expect(a.received.length + b.received.length).toBe(4);
    expect([a.received.length, b.received.length]).toContain(0);
  });

  it('reads no further than the history buffer allows', () => {
    const { io } = fakeIo(100);
    const g = group({ readBatchSize: 5, historyBufferSize: 10 }, io);
    expect(g.stats().readBufferCount).toBe(10);
    expect(g.stats().status).toBe('Behind');
  });

  it('drops its consumers on shutdown', () => {
    const { io } = fakeIo(0);
    const g = group({}, io);
    const c = consumer();
    g.join(c.connection);
    g.shutdown();
    expect(c.connection.dropped).toBe(true);
    expect(g.clientCount).toBe(0);
  });
});
