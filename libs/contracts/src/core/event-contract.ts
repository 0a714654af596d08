import type { Event } from './event';
import type { JsonSchema } from './json-schema';

/** Turns data written under `fromVersion` into the shape of `fromVersion + 1`. */
export type Upcaster = Readonly<{
  fromVersion: number;
  upcast: (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}>;

/**
 * The published contract of one event type. The type name is stable across
 * versions; `schemaVersion` is the version written today and `upcasters` lift
 * every older version to it, one step at a time.
 */
export type EventContract<E extends Event = Event> = Readonly<{
  type: E['type'];
  /** The service that owns (alone writes) this event type. */
  owner: string;
  description: string;
  schemaVersion: number;
  schema: JsonSchema;
  upcasters: readonly Upcaster[];
}>;
