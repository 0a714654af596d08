import {
  EventStoreDBClient,
  START,
  StreamNotFoundError,
  type RecordedEvent,
} from '@eventstore/db-client';
import {
  ACTOR_ROLES,
  AggregateNotFoundError,
  candidateStreamName,
  type Actor,
} from '@hirestream/contracts';
import { PersonalDataVault } from '@hirestream/personal-data';
import { Inject, Injectable } from '@nestjs/common';

/** A JSON value, or bytes that are not JSON (written to the store raw) as `{ "$base64": … }`. */
function asStored(value: unknown): unknown {
  return value instanceof Uint8Array ? { $base64: Buffer.from(value).toString('base64') } : value;
}

/** One event of a candidate's stream as EventStoreDB keeps it, with its metadata read. */
export type StoredEvent = Readonly<{
  revision: bigint;
  id: string;
  type: string;
  /** When the store recorded it. */
  created: Date;
  /** As stored: not decoded, not upcast. */
  data: unknown;
  metadata: unknown;
  /** When it happened (the metadata's `occurredAt`; the store's time for an event without one). */
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string;
  /** The schema version it was stored at (0: none recorded). */
  schemaVersion: number;
}>;

const roles: ReadonlySet<string> = new Set(ACTOR_ROLES);

function field(metadata: unknown, key: string): unknown {
  return typeof metadata === 'object' && metadata !== null && !(metadata instanceof Uint8Array)
    ? (metadata as Record<string, unknown>)[key]
    : undefined;
}

function actorOf(metadata: unknown): Actor {
  const actor = field(metadata, 'actor') as Partial<Actor> | undefined;
  return typeof actor?.id === 'string' && typeof actor.role === 'string' && roles.has(actor.role)
    ? { id: actor.id, role: actor.role }
    : { id: 'unknown', role: 'system' };
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

export function storedEventOf(recorded: RecordedEvent): StoredEvent {
  const { metadata } = recorded;
  const occurredAt = field(metadata, 'occurredAt');
  const schemaVersion = field(metadata, 'schemaVersion');
  return {
    revision: recorded.revision,
    id: recorded.id,
    type: recorded.type,
    created: recorded.created,
    data: asStored(recorded.data),
    metadata: asStored(metadata),
    occurredAt:
      typeof occurredAt === 'string' && !Number.isNaN(Date.parse(occurredAt))
        ? occurredAt
        : recorded.created.toISOString(),
    actor: actorOf(metadata),
    correlationId: text(field(metadata, '$correlationId'), recorded.id),
    causationId: text(field(metadata, '$causationId'), recorded.id),
    schemaVersion:
      typeof schemaVersion === 'number' && Number.isInteger(schemaVersion) ? schemaVersion : 0,
  };
}

/** Reads candidates' streams whole, raw: what an auditor is shown and what an export holds. */
@Injectable()
export class CandidateStreams {
  constructor(
    @Inject(EventStoreDBClient) private readonly client: EventStoreDBClient,
    private readonly vault: PersonalDataVault,
  ) {}

  /**
   * Every event of the candidate's stream with its personal values opened (`[erased]`
   * once erased): what the timeline shows. The export keeps them as stored.
   */
  async readOpened(candidateId: string): Promise<StoredEvent[]> {
    const events = await this.read(candidateId);
    const isObject = (data: unknown): data is Readonly<Record<string, unknown>> =>
      typeof data === 'object' && data !== null && !Array.isArray(data);
    const sealed = events.filter(({ data }) => isObject(data));
    const opened = await this.vault.openEvents(
      sealed.map(({ id, data }) => ({ eventId: id, data: data as Record<string, unknown> })),
    );
    const byId = new Map(sealed.map(({ id }, index) => [id, opened[index].data]));
    return events.map((event) => ({ ...event, data: byId.get(event.id) ?? event.data }));
  }

  /** Every event of the candidate's stream, in order; an unknown candidate is 404. */
  async read(candidateId: string): Promise<StoredEvent[]> {
    const streamName = candidateStreamName(candidateId);
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, { fromRevision: START })) {
        if (resolved.event !== undefined) events.push(storedEventOf(resolved.event));
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    if (events.length === 0)
      throw new AggregateNotFoundError(`candidate ${candidateId} has no history`);
    return events;
  }
}
