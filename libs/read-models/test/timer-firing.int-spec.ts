import { EventStoreDBClient } from '@eventstore/db-client';
import {
  CommandRejectedError,
  EventCatalog,
  eventContract,
  type EventOf,
} from '@hirestream/contracts';
import {
  EventSerializer,
  OwnWrites,
  SubscriptionHealth,
  timerSchedule,
  type CommandContext,
  type DueTimer,
} from '@hirestream/event-sourcing';
import { JsonLogger, ReadinessRegistry } from '@hirestream/platform';
import { Type } from '@sinclair/typebox';
import { Registry } from 'prom-client';
import { Writable } from 'node:stream';
import { describeEachPostgres } from '../../../test/support/postgres-targets';
import { eventually } from '../../../test/support/eventually';
import { TestClock } from '../../../test/support/test-clock';
import { useEmbeddedStore } from '../../event-sourcing/test/support/embedded-store';
import { DueTimersHost, ProjectionBuilds, ReadModelDatabase, TimerFiring } from '../src';
import { ProjectionMetrics } from '../src/projection/projection-metrics';
import { ProjectionWatch } from '../src/projection/projection-watch';

const reminderSet = eventContract({
  type: 'ReminderSet',
  owner: 'timer-tests',
  description: 'a reminder was set to ring at a time',
  schemaVersion: 1,
  data: { dueAt: Type.String() },
});
const reminderCancelled = eventContract({
  type: 'ReminderCancelled',
  owner: 'timer-tests',
  description: 'a reminder was cancelled before it rang',
  schemaVersion: 1,
  data: {},
});
const reminderRang = eventContract({
  type: 'ReminderRang',
  owner: 'timer-tests',
  description: 'a reminder rang',
  schemaVersion: 1,
  data: { dueAt: Type.String() },
});
const contracts = [reminderSet, reminderCancelled, reminderRang];
type ReminderEvent = EventOf<(typeof contracts)[number]>;

const schedule = timerSchedule<ReminderEvent>({
  name: 'reminder-timers',
  version: 1,
  select: { streamPrefixes: ['reminder-'] },
  eventTypes: new Set(contracts.map((contract) => contract.type)),
  changes: ({ event, streamName }) =>
    event.type === 'ReminderSet'
      ? [
          {
            set: {
              timerId: streamName,
              kind: 'ring',
              streamName,
              dueAt: event.data.dueAt,
              data: {},
            },
          },
        ]
      : [{ clear: streamName }],
});

describeEachPostgres('durable timers', (target) => {
  const eventStore = useEmbeddedStore('timer-firing', contracts);
  const clock = new TestClock('2027-01-04T09:00:00Z');
  const logLines: string[] = [];
  const logger = new JsonLogger({
    service: 'timer-tests',
    level: 'info',
    destination: new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        logLines.push(chunk.toString());
        done();
      },
    }),
  });
  let db: ReadModelDatabase;
  let timers: DueTimersHost;
  let watch: ProjectionWatch;
  const registry = new Registry();
  /** What every firing was asked to do, and the failures to answer with. */
  const fired: string[] = [];
  const failures = new Map<string, Error>();

  /** Rings a reminder that is still set for the timer's due time; anything else decides nothing. */
  class ReminderFiring extends TimerFiring {
    constructor() {
      super({ timers, db, clock, logger, registry, actor: { id: 'timer-tests', role: 'system' } });
    }

    protected async fire(timer: DueTimer, context: CommandContext): Promise<void> {
      fired.push(timer.timerId);
      const failure = failures.get(timer.timerId);
      if (failure !== undefined) throw failure;
      const { events, revision } = await eventStore.store.readStream<ReminderEvent>(
        timer.streamName,
      );
      const last = events.at(-1)?.event;
      if (last?.type !== 'ReminderSet' || last.data.dueAt !== timer.dueAt) return;
      await eventStore.store.append(
        timer.streamName,
        [{ type: 'ReminderRang', data: { dueAt: timer.dueAt } }],
        revision,
        context,
      );
    }
  }

  beforeAll(async () => {
    db = new ReadModelDatabase(target.connectionString(), 'timer-tests');
    const Host = DueTimersHost(schedule);
    timers = new Host(
      db,
      new ProjectionBuilds(db),
      (watch = new ProjectionWatch(db)),
      eventStore.client as EventStoreDBClient,
      new EventSerializer(new EventCatalog(contracts)),
      new OwnWrites(),
      logger,
      new SubscriptionHealth(new ReadinessRegistry(), registry),
      new ProjectionMetrics(registry),
    );
    await timers.onModuleInit();
    timers.onApplicationBootstrap();
    await eventually('the due-time read model to go live', async () =>
      timers.isCaughtUp ? true : undefined,
    );
    // Its first pass creates the firings table the queries below read.
    await new ReminderFiring().fireDue();
  });

  afterAll(async () => {
    await timers?.beforeApplicationShutdown();
    await watch?.stop();
    await db?.close();
  });

  const at = (offsetMinutes: number) =>
    new Date(clock.now() + offsetMinutes * 60_000).toISOString();
  let reminders = 0;

  async function setReminder(dueAt: string): Promise<string> {
    const stream = `reminder-${(reminders += 1)}`;
    await eventStore.store.append(stream, [{ type: 'ReminderSet', data: { dueAt } }], undefined, {
      actor: { id: 'tester', role: 'admin' },
      correlationId: stream,
      causationId: stream,
    });
    return stream;
  }

  const rings = async (stream: string) =>
    (await eventStore.store.readStream<ReminderEvent>(stream)).events.filter(
      ({ event }) => event.type === 'ReminderRang',
    ).length;

  /** Waits until the due-time read model holds (or no longer holds) the timer. */
  const pendingTimers = () => timers.due('9999-01-01T00:00:00Z', db.table('timer_firings'), 1000);
  const untilPending = (stream: string, pending: boolean) =>
    eventually(`${stream} ${pending ? 'pending' : 'gone'}`, async () =>
      (await pendingTimers()).some((timer) => timer.timerId === stream) === pending
        ? true
        : undefined,
    );

  it('fires a timer once its due time has come, once, and never before', async () => {
    const firing = new ReminderFiring();
    const stream = await setReminder(at(30));
    await untilPending(stream, true);

    clock.advance(29 * 60_000);
    await firing.fireDue();
    expect(await rings(stream)).toBe(0);

    clock.advance(60_000);
    await firing.fireDue();
    await firing.fireDue();
    expect(await rings(stream)).toBe(1);
    expect(fired.filter((id) => id === stream)).toHaveLength(1);
    await untilPending(stream, false);
    // The firing is caused by the event that set the timer, in its story.
    const [set, rang] = (await eventStore.store.readStream<ReminderEvent>(stream)).events;
    expect(rang.metadata).toMatchObject({
      causationId: set.metadata.eventId,
      correlationId: set.metadata.correlationId,
      actor: { id: 'timer-tests', role: 'system' },
    });
  });

  it('fires what came due while no replica ran, at the first pass', async () => {
    const early = await setReminder(at(5));
    const later = await setReminder(at(60 * 24));
    await untilPending(later, true);
    clock.advance(2 * 24 * 60 * 60_000);
    expect(await new ReminderFiring().fireDue()).toBeGreaterThanOrEqual(2);
    expect([await rings(early), await rings(later)]).toEqual([1, 1]);
  });

  it('never fires a cleared timer, and fires a moved one at its new time only', async () => {
    const firing = new ReminderFiring();
    const cancelled = await setReminder(at(10));
    const moved = await setReminder(at(10));
    await eventStore.store.append(cancelled, [{ type: 'ReminderCancelled', data: {} }], 0n, {
      actor: { id: 'tester', role: 'admin' },
      correlationId: 'c',
      causationId: 'c',
    });
    await eventStore.store.append(moved, [{ type: 'ReminderSet', data: { dueAt: at(90) } }], 0n, {
      actor: { id: 'tester', role: 'admin' },
      correlationId: 'c',
      causationId: 'c',
    });
    await untilPending(cancelled, false);
    await eventually('the moved timer', async () =>
      (await pendingTimers()).find((timer) => timer.timerId === moved)?.dueAt === at(90)
        ? true
        : undefined,
    );
    clock.advance(30 * 60_000);
    await firing.fireDue();
    expect([await rings(cancelled), await rings(moved)]).toEqual([0, 0]);
    clock.advance(60 * 60_000);
    await firing.fireDue();
    expect([await rings(cancelled), await rings(moved)]).toEqual([0, 1]);
  });

  it('fires each timer once when replicas pass at the same time', async () => {
    const streams = await Promise.all(Array.from({ length: 40 }, () => setReminder(at(1))));
    await untilPending(streams[39], true);
    await eventually('all 40 timers', async () =>
      (await pendingTimers()).filter((timer) => streams.includes(timer.timerId)).length === 40
        ? true
        : undefined,
    );
    clock.advance(2 * 60_000);
    const before = fired.length;
    const counts = await Promise.all([1, 2, 3].map(() => new ReminderFiring().fireDue()));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(40);
    expect(fired.length - before).toBe(40);
    for (const stream of streams) expect(await rings(stream)).toBe(1);
  });

  it('records a refusal and does not retry it; retries a failure until the store takes it', async () => {
    const firing = new ReminderFiring();
    const refused = await setReminder(at(1));
    const failing = await setReminder(at(1));
    await untilPending(failing, true);
    failures.set(refused, new CommandRejectedError('reminder-gone', 'the reminder is gone'));
    failures.set(failing, new Error('store unreachable'));
    clock.advance(2 * 60_000);

    await firing.fireDue();
    await firing.fireDue();
    expect(fired.filter((id) => id === refused)).toHaveLength(1);
    // The second pass came within the failing timer's backoff: not tried again yet.
    expect(fired.filter((id) => id === failing)).toHaveLength(1);
    expect(logLines.filter((line) => line.includes('retrying with backoff'))).toHaveLength(1);

    failures.delete(failing);
    await eventually('the failing timer to fire after its backoff', async () => {
      await firing.fireDue();
      return (await rings(failing)) === 1 ? true : undefined;
    });
    expect(await rings(refused)).toBe(0);
    const { rows } = await db.query<{ outcome: string }>(
      `select outcome from ${db.table('timer_firings')} where timer_id = $1`,
      [refused],
    );
    expect(rows).toEqual([{ outcome: 'refused: reminder-gone' }]);
    const firings = await registry.getSingleMetric('hirestream_timer_firings_total')?.get();
    expect(firings?.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          labels: { timers: 'reminder-timers', outcome: 'refused' },
          value: 1,
        }),
        expect.objectContaining({ labels: { timers: 'reminder-timers', outcome: 'failed' } }),
      ]),
    );
  });
});
