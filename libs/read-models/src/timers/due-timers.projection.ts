import type { Event } from '@hirestream/contracts';
import type { DueTimer, RecordedEvent, TimerSchedule } from '@hirestream/event-sourcing';
import type { Type } from '@nestjs/common';
import { PostgresProjectionHost } from '../projection/postgres-projection-host';
import { postgresProjection, type PostgresProjection } from '../projection/projection-definition';

/**
 * A timer as the read model keeps it: with the event that set it, whose id
 * and correlation its firing carries on, so the command it fires is caused by
 * that event and belongs to the same story.
 */
export type ScheduledTimer = DueTimer &
  Readonly<{ setBy: Readonly<{ eventId: string; correlationId: string }> }>;

/** The net change of a batch to each timer it touches: the last change to an id wins. */
export function netTimerChanges<E extends Event>(
  schedule: TimerSchedule<E>,
  events: readonly RecordedEvent<E>[],
): Readonly<{ set: ScheduledTimer[]; cleared: string[] }> {
  const last = new Map<string, ScheduledTimer | null>();
  for (const recorded of events) {
    const { eventId, correlationId } = recorded.metadata;
    for (const change of schedule.changes(recorded)) {
      if ('set' in change) {
        last.set(change.set.timerId, { ...change.set, setBy: { eventId, correlationId } });
      } else last.set(change.clear, null);
    }
  }
  const set: ScheduledTimer[] = [];
  const cleared: string[] = [];
  for (const [timerId, timer] of last) {
    if (timer === null) cleared.push(timerId);
    else set.push(timer);
  }
  return { set, cleared };
}

/** The shape of the due-time table (2: the event that set each timer is kept). */
const DUE_TIMERS_TABLE_VERSION = 2;

/** The due-time read model of a schedule: one row per timer set and not yet cleared. */
export function dueTimersProjection<E extends Event>(
  schedule: TimerSchedule<E>,
): PostgresProjection<'timers', E> {
  return postgresProjection<'timers', E>({
    name: schedule.name,
    // The mechanism's own table shape counts too: a new shape rebuilds every schedule's timers.
    version: schedule.version * 100 + DUE_TIMERS_TABLE_VERSION,
    tables: ['timers'],
    select: schedule.select,
    eventTypes: schedule.eventTypes,
    migrations: ({ timers }) => [
      `create table ${timers} (
         timer_id text primary key,
         kind text not null,
         stream_name text not null,
         due_at timestamptz not null,
         data jsonb not null,
         set_by_event_id text not null,
         set_by_correlation_id text not null
       )`,
      `create index on ${timers} (due_at)`,
    ],
    apply: async (sql, { timers }, events) => {
      const { set, cleared } = netTimerChanges(schedule, events);
      if (cleared.length > 0) {
        await sql.query(`delete from ${timers} where timer_id = any($1::text[])`, [cleared]);
      }
      if (set.length > 0) {
        await sql.query(
          `insert into ${timers} (timer_id, kind, stream_name, due_at, data, set_by_event_id,
             set_by_correlation_id)
           select * from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[],
             $5::jsonb[], $6::text[], $7::text[])
           on conflict (timer_id) do update set kind = excluded.kind,
             stream_name = excluded.stream_name, due_at = excluded.due_at, data = excluded.data,
             set_by_event_id = excluded.set_by_event_id,
             set_by_correlation_id = excluded.set_by_correlation_id`,
          [
            set.map((timer) => timer.timerId),
            set.map((timer) => timer.kind),
            set.map((timer) => timer.streamName),
            set.map((timer) => timer.dueAt),
            set.map((timer) => JSON.stringify(timer.data)),
            set.map((timer) => timer.setBy.eventId),
            set.map((timer) => timer.setBy.correlationId),
          ],
        );
      }
    },
  });
}

type TimerRow = {
  timer_id: string;
  kind: string;
  stream_name: string;
  due_at: Date;
  data: DueTimer['data'];
  set_by_event_id: string;
  set_by_correlation_id: string;
};

/** The timers of a schedule, in PostgreSQL: what is due, for the schedule's `TimerFiring`. */
export interface DueTimersHost extends PostgresProjectionHost<'timers'> {
  /**
   * Timers due by `at` (ISO) that have no firing recorded for their due time
   * in `firings`, soonest first.
   */
  due(at: string, firings: string, limit: number): Promise<ScheduledTimer[]>;
  /** The soonest due time (ms) of a timer not yet fired, if any. */
  nextDue(firings: string): Promise<number | undefined>;
}

/**
 * The base class of a schedule's due-time read model: extend it as an
 * `@Injectable()` provider (needs `ReadModelModule`), next to the service's
 * `TimerFiring`.
 */
export function DueTimersHost<E extends Event>(schedule: TimerSchedule<E>): Type<DueTimersHost> {
  const Host = PostgresProjectionHost(dueTimersProjection(schedule));
  const notFired = (firings: string) =>
    `not exists (select 1 from ${firings} f where f.timer_name = $1
       and f.timer_id = t.timer_id and f.due_at = t.due_at)`;
  class Timers extends Host implements DueTimersHost {
    due(at: string, firings: string, limit: number): Promise<ScheduledTimer[]> {
      return this.read(async (sql, { timers }) => {
        const { rows } = await sql.query<TimerRow>(
          `select t.* from ${timers} t where t.due_at <= $2 and ${notFired(firings)}
           order by t.due_at, t.timer_id limit $3`,
          [schedule.name, at, limit],
        );
        return rows.map((row) => ({
          timerId: row.timer_id,
          kind: row.kind,
          streamName: row.stream_name,
          dueAt: row.due_at.toISOString(),
          data: row.data,
          setBy: { eventId: row.set_by_event_id, correlationId: row.set_by_correlation_id },
        }));
      });
    }

    nextDue(firings: string): Promise<number | undefined> {
      return this.read(async (sql, { timers }) => {
        const { rows } = await sql.query<{ due_at: Date }>(
          `select t.due_at from ${timers} t where ${notFired(firings)}
           order by t.due_at limit 1`,
          [schedule.name],
        );
        return rows[0]?.due_at.getTime();
      });
    }
  }
  return Timers;
}
