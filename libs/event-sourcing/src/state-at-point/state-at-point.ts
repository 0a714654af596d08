import {
  START,
  StreamNotFoundError,
  type EventStoreDBClient,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { AggregateNotFoundError, type Command, type Event } from '@hirestream/contracts';
import type { Aggregate } from '../command/aggregate';
import { foldEvents } from '../decider/decider';
import type { EventSerializer } from '../store/event-serializer';
import { faithfulJson, type JsonValue } from './faithful-json';

/** What the fold of an aggregate needs: its name and its decider (with the types it folds). */
export type FoldableAggregate = Pick<Aggregate<unknown, Command, Event>, 'name' | 'decider'>;

/** How many folded events of a type were stored at one schema version, and the version read. */
export type SchemaVersionsRead = Readonly<{
  type: string;
  stored: number;
  current: number;
  events: number;
}>;

/** An event stored at an older schema version, lifted by its contract's upcasters. */
export type Upcasting = Readonly<{
  revision: bigint;
  type: string;
  fromVersion: number;
  toVersion: number;
}>;

/** A stream as a service's deciders saw it after the event at `revision`. */
export type StateAtPoint = Readonly<{
  streamName: string;
  revision: bigint;
  /** Each aggregate folding the stream (its decider's `eventTypes` meet the stream's events), by name. */
  aggregates: Readonly<Record<string, JsonValue>>;
  /** Of the events folded. */
  schemaVersions: readonly SchemaVersionsRead[];
  upcasted: readonly Upcasting[];
}>;

type Stored = Readonly<{ resolved: ResolvedEvent; type: string; revision: bigint }>;

/**
 * Folds a stream up to and including `revision` (its end when undefined) with
 * each aggregate that folds it: only the stream is read, never a snapshot or a
 * kept state, and nothing is written. Aggregates whose deciders declare no
 * `eventTypes` cannot say which streams they fold and are left out. An unknown
 * stream, or one ending before `revision`, is `AggregateNotFoundError` (404).
 */
export async function stateAtPoint(
  client: EventStoreDBClient,
  serializer: EventSerializer,
  aggregates: readonly FoldableAggregate[],
  streamName: string,
  revision?: bigint,
): Promise<StateAtPoint> {
  const read = await readUpTo(client, streamName, revision);
  const last = read.at(-1);
  if (last === undefined) throw new AggregateNotFoundError(`stream ${streamName} does not exist`);
  if (revision !== undefined && last.revision < revision) {
    throw new AggregateNotFoundError(
      `stream ${streamName} ends at revision ${last.revision}: it has no revision ${revision}`,
    );
  }
  const present = new Set(read.map(({ type }) => type));
  const folding = aggregates.filter(({ decider }) =>
    [...(decider.eventTypes ?? [])].some((type) => present.has(type)),
  );
  const foldedTypes = new Set(folding.flatMap(({ decider }) => [...(decider.eventTypes ?? [])]));
  const folded = read.filter(({ type }) => foldedTypes.has(type));
  const events = (await serializer.open(folded.map(({ resolved }) => resolved))).map(
    ({ event }) => event,
  );
  const aggregateStates: Record<string, JsonValue> = {};
  for (const { name, decider } of folding) {
    aggregateStates[name] = faithfulJson(foldEvents(decider, events));
  }
  return {
    streamName,
    revision: last.revision,
    aggregates: aggregateStates,
    ...schemaVersionsOf(folded, serializer),
  };
}

async function readUpTo(
  client: EventStoreDBClient,
  streamName: string,
  revision: bigint | undefined,
): Promise<Stored[]> {
  const read: Stored[] = [];
  try {
    // Read to its end, never left early (see the README): maxCount bounds it instead.
    for await (const resolved of client.readStream(streamName, {
      fromRevision: START,
      maxCount: revision === undefined ? undefined : revision + 1n,
    })) {
      const event = resolved.event;
      if (event === undefined || (revision !== undefined && event.revision > revision)) continue;
      read.push({ resolved, type: event.type, revision: event.revision });
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return read;
}

function storedVersionOf({ resolved }: Stored): number {
  const metadata = resolved.event?.metadata as { schemaVersion?: unknown } | undefined;
  return typeof metadata?.schemaVersion === 'number' ? metadata.schemaVersion : 0;
}

function schemaVersionsOf(
  folded: readonly Stored[],
  serializer: EventSerializer,
): Pick<StateAtPoint, 'schemaVersions' | 'upcasted'> {
  const counts = new Map<
    string,
    { type: string; stored: number; current: number; events: number }
  >();
  const upcasted: Upcasting[] = [];
  for (const event of folded) {
    const stored = storedVersionOf(event);
    const current = serializer.catalog.contractOf(event.type)?.schemaVersion ?? stored;
    const key = `${event.type}@${stored}`;
    const count = counts.get(key) ?? { type: event.type, stored, current, events: 0 };
    count.events += 1;
    counts.set(key, count);
    if (stored < current) {
      upcasted.push({
        revision: event.revision,
        type: event.type,
        fromVersion: stored,
        toVersion: current,
      });
    }
  }
  return { schemaVersions: [...counts.values()], upcasted };
}
