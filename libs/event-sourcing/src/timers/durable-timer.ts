import type { Event } from '@hirestream/contracts';
import type { ProjectionSelection } from '../projections/projection-selection';
import type { RecordedEvent } from '../store/recorded-event';

/** A value a timer carries to the command it fires: plain JSON. */
export type TimerValue = string | number | boolean | null;

/**
 * Work an event scheduled: at or after `dueAt`, `kind` is done on `streamName`
 * with `data`. The timer id is unique within its schedule; setting a timer
 * with an id already set moves it (a paused window that resumes).
 */
export type DueTimer = Readonly<{
  timerId: string;
  kind: string;
  streamName: string;
  /** ISO 8601 instant. */
  dueAt: string;
  data: Readonly<Record<string, TimerValue>>;
}>;

/** What an event does to the timers: sets (or moves) one, or clears one that is no longer due. */
export type TimerChange = Readonly<{ set: DueTimer }> | Readonly<{ clear: string }>;

/**
 * A service's durable timers, as a pure reading of its events: which events
 * set and clear which timers. The due-time read model applies the changes; a
 * timer that fires does so through a command, which is decided against the
 * stream as it is then, so a timer fired twice (or after the work was done
 * another way) changes nothing.
 */
export type TimerSchedule<E extends Event> = Readonly<{
  /** Kebab-case, unique in the service: the due-time read model's name. */
  name: string;
  /** A new version (a change of `changes`) rebuilds the read model from the start. */
  version: number;
  select: ProjectionSelection;
  /** The event types `changes` reads. */
  eventTypes: ReadonlySet<string>;
  changes: (event: RecordedEvent<E>) => readonly TimerChange[];
}>;

/** Declares a schedule; the identity function, for type inference. */
export function timerSchedule<E extends Event>(schedule: TimerSchedule<E>): TimerSchedule<E> {
  return schedule;
}
